-- `updated_at` is what the API's `updatedSince` and its keyset pages read, so every change must move it, whatever
-- code path makes it. A statement that sets it itself (a service with an injected clock) keeps its value; any
-- other change takes the transaction's time. An update that changes nothing leaves it alone.
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Parties made before the column existed changed last when they were made.
UPDATE parties SET updated_at = created_at;
--> statement-breakpoint
CREATE TRIGGER parties_touch_updated_at
  BEFORE UPDATE ON parties
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION touch_updated_at();
