-- AlterTable
ALTER TABLE "login_history_logins" ADD COLUMN     "other_imports" UUID[];

-- Deleting a Login History import deletes the logins it brought, except those another import
-- also held (other_imports): such a login passes to the first of those, so deleting an old export
-- does not take away what a newer, overlapping one said. A foreign key with ON DELETE CASCADE
-- would check every inserted login against the imports (about 1.4 s of a million-row import);
-- the import job writes its own import's id, so the check buys nothing. Statement-level with a
-- transition table: deleting several imports is one pass over the logins (there is no index on
-- import_id, docs/decisions/0011).
CREATE OR REPLACE FUNCTION login_history_delete_logins_of_imports() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone uuid[];
BEGIN
  SELECT array_agg(id) INTO gone FROM deleted_imports;
  UPDATE login_history_logins l
     SET other_imports = nullif(ARRAY(SELECT o.id FROM unnest(l.other_imports) WITH ORDINALITY AS o(id, n) WHERE o.id <> ALL (gone) ORDER BY o.n), '{}')
   WHERE l.other_imports && gone;
  UPDATE login_history_logins
     SET import_id = other_imports[1], other_imports = nullif(other_imports[2:], '{}')
   WHERE import_id = ANY (gone) AND cardinality(other_imports) > 0;
  DELETE FROM login_history_logins WHERE import_id = ANY (gone);
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS login_history_imports_delete_logins ON "login_history_imports";
CREATE TRIGGER login_history_imports_delete_logins AFTER DELETE ON "login_history_imports"
  REFERENCING OLD TABLE AS deleted_imports
  FOR EACH STATEMENT EXECUTE FUNCTION login_history_delete_logins_of_imports();
