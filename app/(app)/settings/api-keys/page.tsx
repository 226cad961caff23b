import { RowActionButton } from '@/components/forms/action-button';
import { Table, TableBody, TableCell, TableColumnHeads, TableRow, TableRowHead } from '@/components/ui/table';
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
        <Table aria-label="API keys">
          <TableColumnHeads columns={['Name', 'Key', 'Role', 'Created', 'Last used', 'Status']} actions />
          <TableBody>
            {keys.map((key) => (
              <TableRow key={key.id}>
                <TableRowHead>{key.name}</TableRowHead>
                <TableCell>
                  <code className="whitespace-nowrap">{key.start ? `${key.start}…` : '—'}</code>
                </TableCell>
                <TableCell>{key.role ? ROLE_LABELS[key.role] : 'None'}</TableCell>
                <TableCell className="whitespace-nowrap">{formatInstant(key.createdAt, company.timeZone, company.locale)}</TableCell>
                <TableCell className="whitespace-nowrap">{key.lastUsedAt ? formatInstant(key.lastUsedAt, company.timeZone, company.locale) : 'Never'}</TableCell>
                <TableCell>{key.enabled ? 'Active' : 'Revoked'}</TableCell>
                <TableCell className="text-right">
                  {key.enabled && (
                    <RowActionButton action={revokeApiKeyAction} fields={{ keyId: key.id }} verb="Revoke" name={key.name} pendingLabel="Revoking…" />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
