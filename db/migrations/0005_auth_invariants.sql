-- Access invariants the database enforces by itself, whatever the code (or the auth library) does.

-- A company always keeps at least one owner. The organization plugin checks this for the member who changes
-- their own role, but two owners demoting each other at once would both pass that check: the trigger locks the
-- company row first (FOR NO KEY UPDATE, which does not block the ledger's foreign-key checks), so owner changes
-- of one company run one at a time and the second one sees the first.
CREATE FUNCTION company_members_keep_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.role = 'owner' AND (TG_OP = 'DELETE' OR NEW.role <> 'owner' OR NEW.company_id <> OLD.company_id) THEN
    PERFORM 1 FROM companies WHERE id = OLD.company_id FOR NO KEY UPDATE;
    IF NOT EXISTS (SELECT 1 FROM company_members WHERE company_id = OLD.company_id AND role = 'owner') THEN
      RAISE EXCEPTION 'company % would be left without an owner', OLD.company_id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'company_members_keep_owner';
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER company_members_keep_owner
  AFTER UPDATE OR DELETE ON company_members
  FOR EACH ROW EXECUTE FUNCTION company_members_keep_owner();
