import Link from 'next/link';
import { DateText } from '@/components/date-text';
import { Table, TableBody, TableCell, TableColumnHeads, TableFooter, TableHead, TableRow } from '@/components/ui/table';
import type { DrillDown } from '@/lib/ledger/drill-down';
import { drillDownKindLabel } from '@/lib/ledger/drill-down';
import { formatMoney } from '@/lib/money';

const DOCUMENT_PATH = { invoice: '/invoices', bill: '/expenses' } as const;

/** The entries of a drill-down, oldest first, each linked to its document, and their total (the report's line). */
export function DrillDownTable({ drill, currency }: { drill: DrillDown; currency: string }) {
  return (
    <>
      {drill.entries.length < drill.entryCount && (
        <p role="status" className="text-sm text-muted-foreground">
          Showing the latest {drill.entries.length.toLocaleString('en-US')} of {drill.entryCount.toLocaleString('en-US')} entries; the total is of all of them,
          and the CSV export lists them all.
        </p>
      )}
      <Table aria-label="Entries">
      <TableColumnHeads columns={['Date', 'Entry', 'Document', 'Memo', { label: 'Amount', numeric: true }]} />
      <TableBody>
        {drill.entries.length === 0 && (
          <TableRow>
            <TableCell colSpan={5} className="text-muted-foreground">
              No entries in this period.
            </TableCell>
          </TableRow>
        )}
        {drill.entries.map((e) => (
          <TableRow key={e.entryId}>
            <TableCell>
              <DateText date={e.date} />
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {drillDownKindLabel(e.kind)} {e.reference}
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {e.document ? <Link href={`${DOCUMENT_PATH[e.document.kind]}/${e.document.id}`}>{e.document.number ?? e.document.id}</Link> : '—'}
            </TableCell>
            <TableCell>{e.memo}</TableCell>
            <TableCell className="text-right whitespace-nowrap tabular-nums">{formatMoney(e.amountMinor, currency)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
      <TableFooter>
        <TableRow>
          <TableHead scope="row" colSpan={4}>
            Total
          </TableHead>
          <TableCell className="text-right whitespace-nowrap tabular-nums" data-testid="drill-down-total">
            {formatMoney(drill.totalMinor, currency)}
          </TableCell>
        </TableRow>
      </TableFooter>
      </Table>
    </>
  );
}
