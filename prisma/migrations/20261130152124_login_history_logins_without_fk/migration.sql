-- DropForeignKey
ALTER TABLE "login_history_logins" DROP CONSTRAINT "login_history_logins_import_id_fkey";
-- Deleting a Login History import deletes the logins it brought. A foreign key with ON DELETE
-- CASCADE would do the same, but it checks every inserted login against the imports (about 1.4 s
-- of a million-row import); the import job writes its own import's id, so the check buys nothing.
-- Statement-level with a transition table: deleting several imports is one pass over the logins
-- (there is no index on import_id, docs/decisions/0011).
CREATE OR REPLACE FUNCTION login_history_delete_logins_of_imports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM login_history_logins WHERE import_id IN (SELECT id FROM deleted_imports);
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS login_history_imports_delete_logins ON "login_history_imports";
CREATE TRIGGER login_history_imports_delete_logins AFTER DELETE ON "login_history_imports"
  REFERENCING OLD TABLE AS deleted_imports
  FOR EACH STATEMENT EXECUTE FUNCTION login_history_delete_logins_of_imports();

-- An upload's pieces are kept only until their import has read them: compressing them (TOAST's
-- default for values over 2 kB) cost the upload its time, and the import as much again to undo.
ALTER TABLE "login_history_upload_parts" ALTER COLUMN "data" SET STORAGE EXTERNAL;
