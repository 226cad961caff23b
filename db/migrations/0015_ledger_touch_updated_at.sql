-- `updated_at` on journal entries and accounts is what the API's `updatedSince` and its keyset pages read. An
-- insert takes the column default (no INSERT trigger: the sweep's posting cost stays as it was); every later
-- change moves it through touch_updated_at() (migration 0012), whatever code path makes it: a document's
-- settlement (a payment, a void, a voided payment) or an account being archived. The header guard
-- (journal_entries_guard_update, migration 0001) lists the accounting columns only, so it lets this one move.

-- Entries made before the column existed changed last when they, or the last payment or void touching them, were
-- made.
UPDATE journal_entries e
   SET updated_at = greatest(e.created_at, coalesce((
         SELECT max(x.created_at)
           FROM journal_entries x
          WHERE x.company_id = e.company_id
            AND (x.document_id = e.id
                 OR x.reverses_id = e.id
                 OR x.reverses_id IN (SELECT p.id FROM journal_entries p WHERE p.company_id = e.company_id AND p.document_id = e.id))
       ), e.created_at))
 WHERE e.kind IN ('invoice', 'bill');
--> statement-breakpoint
UPDATE journal_entries SET updated_at = created_at WHERE kind NOT IN ('invoice', 'bill');
--> statement-breakpoint
UPDATE accounts SET updated_at = greatest(created_at, coalesce(archived_at, created_at));
--> statement-breakpoint
CREATE TRIGGER journal_entries_touch_updated_at
  BEFORE UPDATE ON journal_entries
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER accounts_touch_updated_at
  BEFORE UPDATE ON accounts
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION touch_updated_at();
