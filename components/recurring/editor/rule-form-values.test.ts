import { describe, expect, it } from 'vitest';
import { ruleInput } from '@/lib/recurring/schemas';
import { blankRuleForm, clientErrors, payloadOf, ruleFormOf, type RuleFormValues, type SavedRuleFields } from './rule-form-values';

// The editor's form text against the shared schema: what it posts is what the action parses, and what it flags while
// typing is what the schema says.

const filled: RuleFormValues = {
  ...blankRuleForm('2027-01-31'),
  name: 'Studio rent',
  partyId: '7',
  categoryId: '12',
  amount: '2,750.00',
  dayOfMonth: '31',
};

describe('payloadOf', () => {
  it('posts only the chosen cadence’s options and end mode, with the due preset as days', () => {
    expect(payloadOf(filled)).toEqual({
      name: 'Studio rent',
      type: 'invoice',
      partyId: '7',
      categoryId: '12',
      amount: '2,750.00',
      memo: '',
      cadence: 'monthly',
      intervalMonths: '1',
      dayOfMonth: '31',
      startDate: '2027-01-31',
      endDate: '',
      maxOccurrences: '',
      dueDays: '30',
      dueDate: '',
      createDaysAhead: '0',
      catchUp: 'all',
      mode: 'post',
      pauseUntil: '',
      resumeOn: '',
    });
  });

  it('switching cadence keeps the other options typed but posts none of them', () => {
    const weekly = payloadOf({ ...filled, cadence: 'weekly', interval: '2', weekday: '1', endMode: 'after', maxOccurrences: '6', endDate: '2027-12-31' });
    expect(weekly).toMatchObject({ cadence: 'weekly', intervalWeeks: '2', weekday: '1', maxOccurrences: '6', endDate: '' });
    expect(weekly).not.toHaveProperty('dayOfMonth');
    expect(weekly).not.toHaveProperty('intervalMonths');
    expect(payloadOf({ ...filled, monthlyBy: 'nthWeekday', nthWeek: '5', nthWeekday: '5' })).toMatchObject({ nthWeek: '5', nthWeekday: '5' });
    expect(payloadOf({ ...filled, monthlyBy: 'endOfMonth' })).toMatchObject({ endOfMonth: 'true' });
    expect(payloadOf({ ...filled, dueTerm: 'custom', dueDays: '21' }).dueDays).toBe('21');
  });

  it('parses with the shared rule schema into the schedule it shows', () => {
    const parsed = ruleInput.parse(payloadOf({ ...filled, monthlyBy: 'nthWeekday', nthWeek: '5', nthWeekday: '5' }));
    expect(parsed).toMatchObject({ cadence: 'monthly', nthWeek: 5, nthWeekday: 5, endOfMonth: false, dueDays: 30 });
    expect((parsed as { dayOfMonth?: number }).dayOfMonth).toBeUndefined();
  });
});

describe('clientErrors', () => {
  it('is empty for a complete rule, new or edited', () => {
    expect(clientErrors(filled, false)).toEqual({});
    expect(clientErrors(filled, true)).toEqual({});
  });

  it('names each missing or bad field by its control, with the schema’s words', () => {
    const errors = clientErrors({ ...blankRuleForm('2027-01-31'), dayOfMonth: '32', interval: '0', endMode: 'onDate', endDate: '2026-12-31' }, false);
    expect(errors).toEqual({
      name: ['Enter a name'],
      partyId: ['Choose a record'],
      categoryId: ['Choose a record'],
      amount: ['Enter an amount'],
      interval: ['Every how many months must be between 1 and 120'],
      dayOfMonth: ['Day of month must be between 1 and 31'],
      endDate: ['The end date cannot be before the start date'],
    });
    // The schema's own refinement, alone on an otherwise complete rule; switched to "never", no end date is posted.
    expect(clientErrors({ ...filled, endMode: 'onDate', endDate: '2026-12-31' }, false)).toEqual({ endDate: ['The end date cannot be before the start date'] });
    expect(clientErrors({ ...filled, endMode: 'never', endDate: '2026-12-31' }, false)).toEqual({});
  });
});

describe('ruleFormOf', () => {
  const saved: SavedRuleFields = {
    name: 'Payroll',
    type: 'expense',
    partyId: 3,
    categoryAccountId: 9,
    amount: '8400.00',
    memo: 'Monthly payroll',
    cadence: 'monthly',
    startDate: '2027-01-01',
    endDate: null,
    intervalDays: null,
    weekday: null,
    intervalWeeks: null,
    intervalMonths: 1,
    dayOfMonth: null,
    endOfMonth: false,
    nthWeek: 5,
    nthWeekday: 5,
    maxOccurrences: 24,
    dueDays: 21,
    dueDate: null,
    createDaysAhead: 2,
    catchUp: 'latest',
    mode: 'remind',
    pauseUntil: null,
    resumeOn: '2026-11-02',
    status: 'active',
  };

  it('round-trips a saved rule into the same fields', () => {
    const form = ruleFormOf(saved);
    expect(form).toMatchObject({ monthlyBy: 'nthWeekday', nthWeek: '5', nthWeekday: '5', endMode: 'after', maxOccurrences: '24', dueTerm: 'custom', dueDays: '21' });
    expect(ruleInput.parse(payloadOf(form))).toMatchObject({
      type: 'expense',
      partyId: 3,
      categoryId: 9,
      nthWeek: 5,
      nthWeekday: 5,
      maxOccurrences: 24,
      dueDays: 21,
      createDaysAhead: 2,
      catchUp: 'latest',
      mode: 'remind',
    });
  });

  it('shows the resume date of a paused rule only: an active rule’s records a past resume', () => {
    expect(ruleFormOf(saved).resumeOn).toBe('');
    expect(ruleFormOf({ ...saved, status: 'paused' }).resumeOn).toBe('2026-11-02');
  });
});
