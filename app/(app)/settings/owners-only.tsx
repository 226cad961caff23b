import { ROLE_LABELS, type Role } from '@/lib/auth/roles';

/** What a non-owner sees on an owner's settings page: why, and nothing of the company's secrets. */
export function OwnersOnly({ what, role }: { what: string; role: Role }) {
  return (
    <p className="empty" role="status">
      Only an owner can manage {what}. Your role in this company is {ROLE_LABELS[role]}.
    </p>
  );
}
