import { describe, expect, it } from 'vitest';
import { cashFlowByWeek, groupPostingsByDay, postingsBetween, type ForecastPosting } from './recurring-forecast';

const terms = { maxOccurrences: null, occurrencesPosted: 0, pauseUntil: null, resumeOn: null, dueDate: null, createDaysAhead: 0, status: 'active' as const };

const rent = {
  rule: { id: 1, name: 'Rent', type: 'expense' as const, amountMinor: 275_000 },
  state: { ...terms, dueDays: 0, schedule: { cadence: 'monthly' as const, startDate: '2027-01-31' }, nextOccurrence: '2027-01-31' },
};
const retainer = {
  rule: { id: 2, name: 'Retainer', type: 'invoice' as const, amountMinor: 150_000 },
  state: { ...terms, dueDays: 14, schedule: { cadence: 'weekly' as const, startDate: '2027-01-04', weekday: 1 as const }, nextOccurrence: '2027-01-25' },
};

describe('postingsBetween', () => {
  it('takes the engine’s occurrences in the window, in date order, the 31st clamped to Feb 28', () => {
    const postings = postingsBetween([rent, retainer], '2027-01-26', '2027-03-01', 'America/New_York');
    expect(postings.map((p) => [p.date, p.dueDate, p.ruleName, p.amountMinor])).toEqual([
      ['2027-01-31', '2027-01-31', 'Rent', 275_000],
      ['2027-02-01', '2027-02-15', 'Retainer', 150_000],
      ['2027-02-08', '2027-02-22', 'Retainer', 150_000],
      ['2027-02-15', '2027-03-01', 'Retainer', 150_000],
      ['2027-02-22', '2027-03-08', 'Retainer', 150_000],
      ['2027-02-28', '2027-02-28', 'Rent', 275_000],
      ['2027-03-01', '2027-03-15', 'Retainer', 150_000],
    ]);
  });

  it('leaves out what the engine will skip (a pauseUntil) and a rule that is not running', () => {
    const paused = { ...retainer, state: { ...retainer.state, pauseUntil: '2027-02-10' } };
    const stopped = { ...rent, state: { ...rent.state, status: 'completed' as const } };
    expect(postingsBetween([paused, stopped], '2027-01-26', '2027-02-28').map((p) => p.date)).toEqual(['2027-02-15', '2027-02-22']);
  });
});

describe('groupPostingsByDay and cashFlowByWeek', () => {
  const postings: ForecastPosting[] = [
    { ruleId: 1, ruleName: 'Rent', type: 'expense', date: '2027-01-31', dueDate: '2027-01-31', amountMinor: 275_000 },
    { ruleId: 3, ruleName: 'Support', type: 'invoice', date: '2027-01-31', dueDate: '2027-03-02', amountMinor: 300_000 },
    { ruleId: 2, ruleName: 'Retainer', type: 'invoice', date: '2027-02-01', dueDate: '2027-02-15', amountMinor: 150_000 },
  ];

  it('groups by day with A/R and A/P per day and in total', () => {
    const grouped = groupPostingsByDay(postings, '2027-01-30', '2027-02-28');
    expect(grouped.days.map((d) => [d.date, d.receivableMinor, d.payableMinor, d.postings.length])).toEqual([
      ['2027-01-31', 300_000n, 275_000n, 2],
      ['2027-02-01', 150_000n, 0n, 1],
    ]);
    expect([grouped.receivableMinor, grouped.payableMinor]).toEqual([450_000n, 275_000n]);
  });

  it('puts each posting in the week of its due date, with a running net; the last window ends on day 90', () => {
    const weeks = cashFlowByWeek(postings, '2027-01-30', 90);
    expect(weeks).toHaveLength(13);
    expect(weeks[0]).toEqual({ weekStart: '2027-01-30', weekEnd: '2027-02-05', inMinor: 0n, outMinor: 275_000n, cumulativeMinor: -275_000n });
    expect(weeks[2]).toEqual({ weekStart: '2027-02-13', weekEnd: '2027-02-19', inMinor: 150_000n, outMinor: 0n, cumulativeMinor: -125_000n });
    expect(weeks[4]).toEqual({ weekStart: '2027-02-27', weekEnd: '2027-03-05', inMinor: 300_000n, outMinor: 0n, cumulativeMinor: 175_000n });
    expect(weeks[12]).toMatchObject({ weekStart: '2027-04-24', weekEnd: '2027-04-29', cumulativeMinor: 175_000n });
  });
});
