import type { DocumentStatus } from '@/db/schema/enums';

const STATUS_LABEL: Record<DocumentStatus, string> = {
  open: 'Open',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  void: 'Void',
};

export function StatusBadge({ status }: { status: DocumentStatus }) {
  return <span className={`badge ${status}`}>{STATUS_LABEL[status]}</span>;
}
