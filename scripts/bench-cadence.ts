// `npm run bench:cadence`: times the recurring calendar (lib/recurring/calendar.ts) against the `rrule` package on the
// same schedules in the same run, checks that both give the same dates, and prints the speed-up. The interesting row
// is nextOccurrence on rules started decades ago: rrule's after() walks every past occurrence from DTSTART, while
// nextOccurrence computes the period index directly. Exits non-zero if the two disagree on any date.
import rrule, { type Options } from 'rrule';
import { type Schedule, nextOccurrence, occurrences } from '@/lib/recurring/calendar';

// rrule ships a UMD bundle, whose named exports Node's ESM loader cannot see; the default export is the namespace.
const { RRule, datetime } = rrule;

// Long enough to swamp timer resolution and JIT warm-up noise, short enough that the whole run takes seconds.
const TIME_BUDGET_MS = 300;
const MIN_CALLS = 5;

type NextCase = { name: string; schedule: Schedule; rule: Partial<Options>; after: string[] };
type RangeCase = { name: string; schedule: Schedule; rule: Partial<Options>; from: string; to: string };

const utc = (date: string) => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return datetime(year, month, day);
};
const dateOf = (instant: Date) => instant.toISOString().slice(0, 10);

// noCache: rrule otherwise memoises after()/between() per argument, which would time a Map lookup, not the rule.
const makeRule = (rule: Partial<Options>) => new RRule(rule, true);

/** Query dates spread over 2000–2030 so neither side benefits from repeating one argument. */
const QUERY_DATES = Array.from({ length: 24 }, (_, i) => {
  const year = 2000 + Math.floor((i * 31) / 24);
  return `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String(((i * 7) % 28) + 1).padStart(2, '0')}`;
});

const NEXT_CASES: NextCase[] = [
  {
    name: 'monthly, month end, since 1936',
    schedule: { cadence: 'monthly', startDate: '1936-01-31', endOfMonth: true },
    rule: { freq: RRule.MONTHLY, dtstart: utc('1936-01-31'), bymonthday: -1 },
    after: QUERY_DATES,
  },
  {
    name: 'quarterly, 3rd Friday, since 1936',
    schedule: { cadence: 'monthly', startDate: '1936-01-01', intervalMonths: 3, nthWeek: 3, nthWeekday: 5 },
    rule: { freq: RRule.MONTHLY, interval: 3, dtstart: utc('1936-01-01'), byweekday: RRule.FR.nth(3) },
    after: QUERY_DATES,
  },
  {
    name: 'every 2 weeks on Monday, since 1936',
    schedule: { cadence: 'weekly', startDate: '1936-01-06', intervalWeeks: 2, weekday: 1 },
    rule: { freq: RRule.WEEKLY, interval: 2, dtstart: utc('1936-01-06'), byweekday: RRule.MO },
    after: QUERY_DATES,
  },
  {
    name: 'daily, since 1936',
    schedule: { cadence: 'daily', startDate: '1936-01-01' },
    rule: { freq: RRule.DAILY, dtstart: utc('1936-01-01') },
    after: QUERY_DATES,
  },
];

const RANGE_CASES: RangeCase[] = [
  {
    name: 'daily, one year (366 dates)',
    schedule: { cadence: 'daily', startDate: '2024-01-01' },
    rule: { freq: RRule.DAILY, dtstart: utc('2024-01-01') },
    from: '2024-01-01',
    to: '2024-12-31',
  },
  {
    name: 'monthly month end, ten years (120 dates)',
    schedule: { cadence: 'monthly', startDate: '2020-01-31', endOfMonth: true },
    rule: { freq: RRule.MONTHLY, dtstart: utc('2020-01-31'), bymonthday: -1 },
    from: '2020-01-01',
    to: '2029-12-31',
  },
  {
    name: 'monthly month end since 1936, 2026 only',
    schedule: { cadence: 'monthly', startDate: '1936-01-31', endOfMonth: true },
    rule: { freq: RRule.MONTHLY, dtstart: utc('1936-01-31'), bymonthday: -1 },
    from: '2026-01-01',
    to: '2026-12-31',
  },
];

/** Microseconds per call of `run(i)`, cycling i through `inputs` until the time budget is spent. */
function microsecondsPerCall(inputs: number, run: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(inputs, 3); i++) run(i); // warm-up
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < TIME_BUDGET_MS || calls < MIN_CALLS) {
    run(calls % inputs);
    calls++;
    elapsed = performance.now() - started;
  }
  return (elapsed * 1000) / calls;
}

type Row = { kind: string; name: string; oursUs: number; rruleUs: number };
const rows: Row[] = [];
let comparedDates = 0;
const mismatches: string[] = [];

for (const testCase of NEXT_CASES) {
  const rule = makeRule(testCase.rule);
  const afterInstants = testCase.after.map(utc);
  for (const [i, after] of testCase.after.entries()) {
    const ours = nextOccurrence(testCase.schedule, after);
    const theirs = rule.after(afterInstants[i]!, false);
    comparedDates++;
    const theirDate = theirs && dateOf(theirs);
    if (ours !== theirDate) mismatches.push(`${testCase.name} after ${after}: ${ours} vs ${theirDate}`);
  }
  rows.push({
    kind: 'next',
    name: testCase.name,
    oursUs: microsecondsPerCall(testCase.after.length, (i) => nextOccurrence(testCase.schedule, testCase.after[i]!)),
    rruleUs: microsecondsPerCall(afterInstants.length, (i) => rule.after(afterInstants[i]!, false)),
  });
}

for (const testCase of RANGE_CASES) {
  const rule = makeRule(testCase.rule);
  const from = utc(testCase.from);
  const to = utc(testCase.to);
  const ours = occurrences(testCase.schedule, testCase.from, testCase.to);
  const theirs = rule.between(from, to, true).map(dateOf);
  comparedDates += ours.length;
  if (ours.join() !== theirs.join()) {
    mismatches.push(`${testCase.name}: ${ours.length} dates vs ${theirs.length}, first ${ours[0]} vs ${theirs[0]}`);
  }
  rows.push({
    kind: 'range',
    name: testCase.name,
    oursUs: microsecondsPerCall(1, () => occurrences(testCase.schedule, testCase.from, testCase.to)),
    rruleUs: microsecondsPerCall(1, () => rule.between(from, to, true)),
  });
}

const formatUs = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(2)} µs`);
const table = [
  ['call', 'schedule', 'calendar.ts', 'rrule', 'speed-up'],
  ...rows.map((row) => [
    row.kind === 'next' ? 'nextOccurrence / after()' : 'occurrences / between()',
    row.name,
    formatUs(row.oursUs),
    formatUs(row.rruleUs),
    `${(row.rruleUs / row.oursUs).toFixed(0)}×`,
  ]),
];
const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
// Names left-aligned, figures right-aligned.
const alignCell = (cell: string, column: number) =>
  column >= 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!);
const printLine = (line: string[]) => console.log(line.map(alignCell).join('  '));

console.log(`recurring calendar vs rrule (per call, ${TIME_BUDGET_MS} ms budget per cell, Node ${process.version})\n`);
printLine(table[0]!);
printLine(widths.map((width) => '-'.repeat(width)));
for (const line of table.slice(1)) printLine(line);

const smallestSpeedUp = Math.min(...rows.filter((row) => row.kind === 'next').map((row) => row.rruleUs / row.oursUs));
console.log(
  `\ngoal ≥10× over rrule after() for rules started decades ago: ` +
    `${smallestSpeedUp >= 10 ? 'met' : 'NOT met'} (smallest speed-up ${smallestSpeedUp.toFixed(0)}×)`,
);
if (mismatches.length === 0) {
  console.log(`check: calendar.ts and rrule agree on all ${comparedDates} dates compared`);
} else {
  console.log(`check: ${mismatches.length} MISMATCHES\n  ${mismatches.join('\n  ')}`);
  process.exitCode = 1;
}
