-- AlterTable (IF NOT EXISTS: the Login History import may add the same column in its own migration)
ALTER TABLE "integrations" ADD COLUMN IF NOT EXISTS "legacy_login_at" TIMESTAMPTZ(3);

-- Live updates of the board and My work (docs/decisions/0009-board-live-updates.md): any statement
-- that changes checklist items, probes or integrations tells listeners on the channel
-- board_changes which table changed. Statement-level, so a bulk change is one notification, and
-- Postgres folds identical notifications of one transaction into one.
CREATE OR REPLACE FUNCTION notify_board_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('board_changes', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS checklist_items_notify_board ON "checklist_items";
CREATE TRIGGER checklist_items_notify_board AFTER INSERT OR UPDATE OR DELETE ON "checklist_items"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_board_changes();

DROP TRIGGER IF EXISTS probes_notify_board ON "probes";
CREATE TRIGGER probes_notify_board AFTER INSERT OR UPDATE OR DELETE ON "probes"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_board_changes();

DROP TRIGGER IF EXISTS integrations_notify_board ON "integrations";
CREATE TRIGGER integrations_notify_board AFTER INSERT OR UPDATE OR DELETE ON "integrations"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_board_changes();
