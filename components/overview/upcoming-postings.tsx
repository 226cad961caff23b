import Link from 'next/link';
import { DateText } from '@/components/date-text';
import { TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { ScrollTable } from './scroll-table';
import type { UpcomingPostings } from '@/lib/dashboard/recurring-forecast';

/** What the rules will post in the next 30 days, by day, with the A/R and A/P totals. */
export function UpcomingPostingsTable({ upcoming, money }: { upcoming: UpcomingPostings; money: (minor: bigint | number) => string }) {
  if (upcoming.days.length === 0) {
    return (
      <p className="muted" data-testid="upcoming-empty">
        No rule posts anything from <DateText date={upcoming.from} /> to <DateText date={upcoming.to} />.
      </p>
    );
  }
  return (
    <ScrollTable aria-label="Recurring postings in the next 30 days, by day" data-testid="upcoming-postings">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Date</TableHead>
          <TableHead scope="col">Postings</TableHead>
          <TableHead scope="col" className="text-right">
            A/R
          </TableHead>
          <TableHead scope="col" className="text-right">
            A/P
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {upcoming.days.map((day) => (
          <TableRow key={day.date}>
            <TableCell>
              <DateText date={day.date} />
            </TableCell>
            <TableCell>
              <ul className="m-0 flex list-none flex-wrap gap-x-3 gap-y-1 p-0">
                {day.postings.map((p) => (
                  <li key={p.ruleId}>
                    <Link className="underline underline-offset-2" href={`/settings/recurring/${p.ruleId}`}>{p.ruleName}</Link> <span className="muted whitespace-nowrap">{money(p.amountMinor)}</span>
                  </li>
                ))}
              </ul>
            </TableCell>
            <TableCell className="text-right tabular-nums whitespace-nowrap">{day.receivableMinor ? money(day.receivableMinor) : ''}</TableCell>
            <TableCell className="text-right tabular-nums whitespace-nowrap">{day.payableMinor ? money(day.payableMinor) : ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
      <TableFooter>
        <TableRow>
          <TableHead scope="row" colSpan={2} className="text-foreground normal-case tracking-normal">
            Total, <DateText date={upcoming.from} /> to <DateText date={upcoming.to} />
          </TableHead>
          <TableCell className="text-right tabular-nums whitespace-nowrap" data-testid="upcoming-ar-total">
            {money(upcoming.receivableMinor)}
          </TableCell>
          <TableCell className="text-right tabular-nums whitespace-nowrap" data-testid="upcoming-ap-total">
            {money(upcoming.payableMinor)}
          </TableCell>
        </TableRow>
      </TableFooter>
    </ScrollTable>
  );
}
