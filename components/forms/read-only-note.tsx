import { ROLE_LABELS, roleAllows, type Role } from '@/lib/auth/roles';

/** Whether `role` may record and change entries (the actions' own check is the one that counts). */
export function canRecord(role: Role): boolean {
  return roleAllows(role, 'accountant');
}

/** What a viewer sees instead of a write form: why, so that nobody fills in a form only to be refused. */
export function ReadOnlyNote({ role, what }: { role: Role; what: string }) {
  return (
    <p className="empty" role="status" data-testid="read-only-note">
      Your role in this company is {ROLE_LABELS[role]}: you can see {what}, but not record or change them.
    </p>
  );
}
