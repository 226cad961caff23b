import { ColumnHeads } from '@/components/column-heads';
import { RowActionButton } from '@/components/forms/action-button';
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
      <table aria-label="Members">
        <ColumnHeads columns={['Name', 'Email', 'Role']} actions />
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <th scope="row">
                {member.name}
                {member.userId === caller.userId && <span className="muted"> (you)</span>}
              </th>
              <td>{member.email}</td>
              <td>
                <MemberRoleForm action={changeMemberRoleAction} memberId={member.id} name={member.name} role={member.role} />
              </td>
              <td>
                <RowActionButton action={removeMemberAction} fields={{ memberId: member.id }} verb="Remove" name={member.name} pendingLabel="Removing…" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddMemberForm action={addMemberAction} />
    </>
  );
}
