import { Badge } from '@/components/ui/badge';
import type { DocumentStatus } from '@/db/schema/enums';

/** How a status reads on screen, and in a CSV export of a screen. */
export const STATUS_LABEL: Record<DocumentStatus, string> = {
  open: 'Open',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  void: 'Void',
};

const STATUS_TONE = {
  open: 'info',
  partially_paid: 'warning',
  paid: 'success',
  void: 'danger',
} as const satisfies Record<DocumentStatus, string>;

export function StatusBadge({ status }: { status: DocumentStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}
