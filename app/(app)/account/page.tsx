import { ROLE_LABELS } from '@/lib/auth/roles';
import { companyContext } from '@/lib/session/company-context';
import { changePasswordAction } from './actions';
import { PasswordForm } from './password-form';

export const metadata = { title: 'Your account' };

export default async function AccountPage() {
  const { caller, companies, company, role } = await companyContext();
  return (
    <>
      <header className="page-head">
        <h1>Your account</h1>
      </header>
      <p>
        {caller.name} · {caller.email}
      </p>
      <p className="muted">
        {ROLE_LABELS[role]} in {company.name}
        {companies.length > 1 ? `; member of ${companies.length} companies` : ''}.
      </p>
      <PasswordForm action={changePasswordAction} />
    </>
  );
}
