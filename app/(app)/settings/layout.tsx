import { companyContext } from '@/lib/session/company-context';
import { roleAllows } from '@/lib/auth/roles';
import { SettingsTabs } from './settings-tabs';

/** Settings sections; members and API keys are listed to owners only (their pages and actions check again). */
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const { role } = await companyContext();
  const tabs = [
    { href: '/settings/company', label: 'Company' },
    { href: '/settings/recurring', label: 'Recurring' },
    ...(roleAllows(role, 'owner')
      ? [
          { href: '/settings/members', label: 'Members' },
          { href: '/settings/api-keys', label: 'API keys' },
        ]
      : []),
  ];
  return (
    <>
      <SettingsTabs tabs={tabs} />
      {children}
    </>
  );
}
