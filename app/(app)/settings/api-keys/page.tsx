import { ColumnHeads } from '@/components/column-heads';
import { RowActionButton } from '@/components/forms/action-button';
import { listApiKeys } from '@/lib/auth/api-keys';
import { ROLE_LABELS, roleAllows } from '@/lib/auth/roles';
import { formatInstant } from '@/lib/dates/format-instant';
import { companyContext } from '@/lib/session/company-context';
import { OwnersOnly } from '../owners-only';
import { createApiKeyAction, revokeApiKeyAction } from './actions';
import { ApiKeyForm } from './api-key-form';

export const metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const { db, company, role } = await companyContext();
  if (!roleAllows(role, 'owner')) return <OwnersOnly what="API keys" role={role} />;
  const keys = await listApiKeys(db, company.id);
  return (
    <>
      <header className="page-head">
        <h1>API keys</h1>
      </header>
      <p className="muted">
        A key lets an integration use the API as {company.name}, with the role you give it: send it as{' '}
        <code>Authorization: Bearer &lt;key&gt;</code>. It is shown once; the server keeps only its hash.
      </p>
      <ApiKeyForm action={createApiKeyAction} />
      {keys.length === 0 ? (
        <p className="empty">No API keys yet.</p>
      ) : (
        <table aria-label="API keys">
          <ColumnHeads columns={['Name', 'Key', 'Role', 'Created', 'Last used', 'Status']} actions />
          <tbody>
            {keys.map((key) => (
              <tr key={key.id}>
                <th scope="row">{key.name}</th>
                <td>
                  <code>{key.start ? `${key.start}…` : '—'}</code>
                </td>
                <td>{key.role ? ROLE_LABELS[key.role] : 'None'}</td>
                <td>{formatInstant(key.createdAt, company.timeZone, company.locale)}</td>
                <td>{key.lastUsedAt ? formatInstant(key.lastUsedAt, company.timeZone, company.locale) : 'Never'}</td>
                <td>{key.enabled ? 'Active' : 'Revoked'}</td>
                <td>
                  {key.enabled && (
                    <RowActionButton action={revokeApiKeyAction} fields={{ keyId: key.id }} verb="Revoke" name={key.name} pendingLabel="Revoking…" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
