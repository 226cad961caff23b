-- The balance check reads only the statement's own lines. Every entry balanced before the statement (this check
-- has been in force since the table was created), and lines are never updated, deleted or truncated
-- (journal_lines_immutable), so an entry balances after the statement exactly when the lines the statement added
-- to it sum to zero. Reading those entries' earlier lines back from the table, as before, proved nothing more and
-- cost two index lookups per posted document.
CREATE OR REPLACE FUNCTION ledger_check_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n.entry_id, sum(n.amount_minor) AS total INTO bad
    FROM new_lines n
   GROUP BY n.entry_id
  HAVING sum(n.amount_minor) <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal entry % does not balance (debits minus credits = %)', bad.entry_id, bad.total
      USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_balanced';
  END IF;
  RETURN NULL;
END $$;
