-- The sweep at scale (docs/benchmarks.md).
-- 1. Two foreign keys to companies were implied by others and cost a check per posted row: a journal line's company
--    is its entry's (journal_lines_entry_fk is on (company_id, entry_id)), and an entry's company is its counterparty's
--    or the reversed entry's, now that journal_entries_counterparty requires one of them (composite foreign keys on
--    (company_id, party_id) and (company_id, reverses_id)). Every company is still proven to exist.
-- 2. The claim takes due rules per company from a keyset cursor: (company_id, next_run_at, id), which also serves
--    every per-company lookup the (company_id, status) index did.
ALTER TABLE "journal_entries" DROP CONSTRAINT "journal_entries_company_id_companies_id_fk";
--> statement-breakpoint
ALTER TABLE "journal_lines" DROP CONSTRAINT "journal_lines_company_id_companies_id_fk";
--> statement-breakpoint
DROP INDEX "recurring_rules_company_idx";--> statement-breakpoint
CREATE INDEX "recurring_rules_company_due_idx" ON "recurring_rules" USING btree ("company_id","next_run_at","id") WHERE "recurring_rules"."next_run_at" is not null;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_counterparty" CHECK ("journal_entries"."party_id" is not null or "journal_entries"."reverses_id" is not null);