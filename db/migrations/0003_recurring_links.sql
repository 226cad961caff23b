-- A posted recurring document points at its rule, inside the same company. Declared here rather than in the
-- drizzle schema because journal_entries and recurring_rules would import each other.
ALTER TABLE journal_entries
  ADD CONSTRAINT journal_entries_rule_fk FOREIGN KEY (company_id, rule_id) REFERENCES recurring_rules (company_id, id);
--> statement-breakpoint
-- The rules table is updated on every advance (next_run_at is indexed, so never a HOT update): vacuum it often.
ALTER TABLE recurring_rules SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02, fillfactor = 90);
