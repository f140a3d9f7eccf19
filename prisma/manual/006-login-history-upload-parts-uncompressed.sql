-- An upload's pieces are kept only until their import has read them: compressing them (TOAST's
-- default for values over 2 kB) cost the upload its time, and the import as much again to undo.
ALTER TABLE "login_history_upload_parts" ALTER COLUMN "data" SET STORAGE EXTERNAL;
