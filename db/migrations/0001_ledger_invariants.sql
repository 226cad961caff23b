-- Ledger invariants the database enforces by itself, whatever the code does.

-- 1. Every journal entry balances. A statement-level trigger over the transition table checks each entry that
--    the statement touched, across all its lines, in one query: a batch of a thousand entries costs one check,
--    not a thousand. Lines of one entry are therefore written in one statement.
CREATE FUNCTION ledger_check_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT l.entry_id, sum(l.amount_minor) AS total INTO bad
    FROM journal_lines l
   WHERE l.entry_id IN (SELECT DISTINCT n.entry_id FROM new_lines n)
   GROUP BY l.entry_id
  HAVING sum(l.amount_minor) <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal entry % does not balance (debits minus credits = %)', bad.entry_id, bad.total
      USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_balanced';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER journal_lines_balanced
  AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_balance();
--> statement-breakpoint

-- 2. Posted lines are never edited or deleted: corrections are reversing entries.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: posted entries are immutable, post a reversing entry instead', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER journal_lines_immutable
  BEFORE UPDATE OR DELETE OR TRUNCATE ON journal_lines
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_delete
  BEFORE DELETE OR TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint

-- 3. On an entry header only the document's settlement state may move.
CREATE FUNCTION ledger_guard_entry_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.company_id, NEW.kind, NEW.entry_date, NEW.reference, NEW.number, NEW.party_id, NEW.due_date,
      NEW.amount_minor, NEW.category_account_id, NEW.document_id, NEW.applied_minor, NEW.reverses_id, NEW.rule_id,
      NEW.occurrence_date)
     IS DISTINCT FROM
     (OLD.id, OLD.company_id, OLD.kind, OLD.entry_date, OLD.reference, OLD.number, OLD.party_id, OLD.due_date,
      OLD.amount_minor, OLD.category_account_id, OLD.document_id, OLD.applied_minor, OLD.reverses_id, OLD.rule_id,
      OLD.occurrence_date) THEN
    RAISE EXCEPTION 'journal entry % is posted: only its status and paid amount may change', OLD.id
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER journal_entries_guard_update
  BEFORE UPDATE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_guard_entry_update();
