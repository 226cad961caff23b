import type { Db } from '@/db/client';
import { CATEGORY_TYPE_OF, PARTY_KIND_OF } from '@/db/schema/enums';
import { parseOrThrow } from '@/lib/errors';
import { categoryOrThrow } from '@/lib/ledger/accounts';
import type { Company } from '@/lib/ledger/companies';
import { partyOrThrow } from '@/lib/ledger/parties';
import { amountMinorOrThrow } from '@/lib/money';
import { DOCUMENT_KIND_OF } from './constants';
import { scheduleOf, type ScheduleColumns } from './rule-state';
import { ruleInput, type ParsedRule, type RuleInput } from './schemas';

function scheduleColumns(rule: ParsedRule): ScheduleColumns {
  const none = { intervalDays: null, weekday: null, intervalWeeks: null, intervalMonths: null, dayOfMonth: null, endOfMonth: false, nthWeek: null, nthWeekday: null };
  const base = { cadence: rule.cadence, startDate: rule.startDate, endDate: rule.endDate ?? null };
  switch (rule.cadence) {
    case 'daily':
      return { ...none, ...base, intervalDays: rule.intervalDays };
    case 'weekly':
      return { ...none, ...base, weekday: rule.weekday, intervalWeeks: rule.intervalWeeks };
    case 'monthly':
      return {
        ...none,
        ...base,
        intervalMonths: rule.intervalMonths,
        endOfMonth: rule.endOfMonth,
        dayOfMonth: rule.dayOfMonth ?? null,
        nthWeek: rule.nthWeek ?? null,
        nthWeekday: rule.nthWeekday ?? null,
      };
    case 'annual':
      return { ...none, ...base };
  }
}

/** Parses and checks a rule against its company: amount for the currency, party and category kinds. */
export async function validateRuleInput(db: Db, company: Company, input: RuleInput) {
  const rule = parseOrThrow(ruleInput, input);
  const amountMinor = amountMinorOrThrow(rule.amount, company.baseCurrency);
  const kind = DOCUMENT_KIND_OF[rule.type];
  await partyOrThrow(db, company.id, rule.partyId, PARTY_KIND_OF[kind]);
  await categoryOrThrow(db, company.id, rule.categoryId, CATEGORY_TYPE_OF[kind]);
  const columns = scheduleColumns(rule);
  return {
    rule,
    columns,
    schedule: scheduleOf(columns),
    values: {
      name: rule.name,
      type: rule.type,
      mode: rule.mode,
      partyId: rule.partyId,
      categoryAccountId: rule.categoryId,
      amountMinor,
      memo: rule.memo,
      maxOccurrences: rule.maxOccurrences ?? null,
      dueDays: rule.dueDays,
      dueDate: rule.dueDate ?? null,
      createDaysAhead: rule.createDaysAhead,
      catchUp: rule.catchUp,
      ...columns,
    },
  };
}


