import { sql, type SQL } from 'drizzle-orm';
import { sqlArray } from '@/db/sql-batch';
import { occurrenceReferenceSql, type DocumentSource } from '@/lib/ledger/posting';
import { DOCUMENT_KIND_OF } from './constants';

/**
 * The document an occurrence of a rule posts, written once for both ways it is built: in TS for the preview, and
 * in SQL for the sweep, whose statement builds documents from the locked rule rows themselves. Its kind is
 * `DOCUMENT_KIND_OF`, its reference `occurrenceReference` (lib/ledger/numbering.ts), its memo `documentMemo`, its
 * journal lines `documentLines` (lib/ledger/posting.ts); every other value is the rule's own.
 */

/**
 * The memo of a rule's documents: the rule's memo, or its name when the memo is empty.
 *
 * @example documentMemo({ memo: '', name: 'Office rent' }) // 'Office rent'
 */
export function documentMemo(rule: { memo: string; name: string }): string {
  return rule.memo || rule.name;
}

/** `documentMemo` in SQL, over a rule row's columns. */
function documentMemoSql(memo: SQL, name: SQL): SQL {
  return sql`coalesce(nullif(${memo}, ''), ${name})`;
}

/** `DOCUMENT_KIND_OF` in SQL, from a rule row's type. */
function documentKindSql(type: SQL): SQL {
  const kinds = Object.entries(DOCUMENT_KIND_OF).map(([ruleType, kind]) => sql`when ${sql.raw(`'${ruleType}'`)} then ${sql.raw(`'${kind}'`)}`);
  return sql`(case ${type} ${sql.join(kinds, sql` `)} end)::entry_kind`;
}

/**
 * The documents of rule occurrences as a `writeDocuments` source: each posting sends its rule, date and due date;
 * every other column comes from the rule row this transaction has locked.
 */
export function ruleDocuments(postings: { ruleId: number; occurrenceDate: string; dueDate: string }[]): DocumentSource {
  return sql`
    select r.company_id, ${documentKindSql(sql`r.type`)} as kind, p.occurrence_date as entry_date,
      ${occurrenceReferenceSql(sql`r.id`, sql`p.occurrence_date`)} as reference, ${documentMemoSql(sql`r.memo`, sql`r.name`)} as memo,
      r.party_id, p.due_date, r.amount_minor, r.category_account_id, r.id as rule_id, p.occurrence_date, p.ord
    from unnest(${sqlArray(postings.map((p) => p.ruleId), 'bigint')}, ${sqlArray(postings.map((p) => p.occurrenceDate), 'date')},
      ${sqlArray(postings.map((p) => p.dueDate), 'date')}) with ordinality as p(rule_id, occurrence_date, due_date, ord)
    join recurring_rules r on r.id = p.rule_id`;
}

/**
 * The document a pending reminder posts, as a `writeDocuments` source: the occurrence's identity (its rule, its
 * occurrence date and so its reference `REC-{ruleId}-{occurrenceDate}`) whatever `entryDate` it is posted on,
 * with the amount and due date given; kind, memo, party and category are the rule's, as for a sweep's posting.
 */
export function reminderDocument(reminderId: number, posting: { entryDate: string; dueDate: string; amountMinor: number }): DocumentSource {
  return sql`
    select r.company_id, ${documentKindSql(sql`r.type`)} as kind, ${posting.entryDate}::date as entry_date,
      ${occurrenceReferenceSql(sql`r.id`, sql`m.occurrence_date`)} as reference, ${documentMemoSql(sql`r.memo`, sql`r.name`)} as memo,
      r.party_id, ${posting.dueDate}::date as due_date, ${posting.amountMinor}::bigint as amount_minor, r.category_account_id,
      r.id as rule_id, m.occurrence_date, 1::bigint as ord
    from recurring_reminders m
    join recurring_rules r on r.company_id = m.company_id and r.id = m.rule_id
    where m.id = ${reminderId}`;
}
