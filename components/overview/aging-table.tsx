import { TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { ScrollTable } from './scroll-table';
import { AGING_BUCKETS, AGING_BUCKET_LABELS, type Aging } from '@/lib/dashboard/aging';

/** Open A/R and A/P by days past due, one row each, with their totals. */
export function AgingTable({ receivables, payables, money }: { receivables: Aging; payables: Aging; money: (minor: bigint) => string }) {
  const rows = [
    { side: 'receivable', label: 'Receivables (A/R)', aging: receivables },
    { side: 'payable', label: 'Payables (A/P)', aging: payables },
  ] as const;
  return (
    <ScrollTable aria-label="Aging of open receivables and payables by days past due">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Open</TableHead>
          {AGING_BUCKETS.map((bucket) => (
            <TableHead key={bucket} scope="col" className="text-right">
              {AGING_BUCKET_LABELS[bucket]}
            </TableHead>
          ))}
          <TableHead scope="col" className="text-right">
            Total
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(({ side, label, aging }) => (
          <TableRow key={side}>
            <TableHead scope="row" className="text-foreground normal-case tracking-normal">
              {label}
            </TableHead>
            {AGING_BUCKETS.map((bucket) => (
              <TableCell key={bucket} className="text-right tabular-nums whitespace-nowrap" data-testid={`aging-${side}-${bucket}`}>
                {money(aging.buckets[bucket].openMinor)}
              </TableCell>
            ))}
            <TableCell className="text-right font-semibold tabular-nums whitespace-nowrap" data-testid={`aging-${side}-total`}>
              {money(aging.totalMinor)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}
