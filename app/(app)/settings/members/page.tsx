import { RowActionButton } from '@/components/forms/action-button';
import { Table, TableBody, TableCell, TableColumnHeads, TableRow, TableRowHead } from '@/components/ui/table';
import { listMembers } from '@/lib/auth/members';
import { roleAllows } from '@/lib/auth/roles';
import { companyContext } from '@/lib/session/company-context';
import { OwnersOnly } from '../owners-only';
import { addMemberAction, changeMemberRoleAction, removeMemberAction } from './actions';
import { AddMemberForm, MemberRoleForm } from './member-forms';

export const metadata = { title: 'Members' };

export default async function MembersPage() {
  const { db, company, role, caller } = await companyContext();
  if (!roleAllows(role, 'owner')) return <OwnersOnly what="members" role={role} />;
  const members = await listMembers(db, company.id);
  return (
    <>
      <header className="page-head">
        <h1>Members</h1>
      </header>
      <p className="muted">
        Owners manage everything, including settings, members and API keys; accountants write documents, payments
        and rules; viewers only read. {company.name} always keeps at least one owner.
      </p>
      <Table aria-label="Members">
        <TableColumnHeads columns={['Name', 'Email', 'Role']} actions />
        <TableBody>
          {members.map((member) => (
            <TableRow key={member.id}>
              <TableRowHead>
                {member.name}
                {member.userId === caller.userId && <span className="font-normal text-muted-foreground"> (you)</span>}
              </TableRowHead>
              <TableCell>{member.email}</TableCell>
              <TableCell>
                <MemberRoleForm action={changeMemberRoleAction} memberId={member.id} name={member.name} role={member.role} />
              </TableCell>
              <TableCell className="text-right">
                <RowActionButton action={removeMemberAction} fields={{ memberId: member.id }} verb="Remove" name={member.name} pendingLabel="Removing…" />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <AddMemberForm action={addMemberAction} />
    </>
  );
}
