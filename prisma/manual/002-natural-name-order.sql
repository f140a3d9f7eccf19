-- Names sort the way people read them ("Call centre" before "CTI adapter") whatever the database's
-- own locale: the embedded cluster and many servers run in C.UTF-8, which sorts by code point.
-- "und-x-icu" is ICU's deterministic root collation, so equality, LIKE and unique indexes behave as before.
ALTER TABLE "integrations" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";
ALTER TABLE "integrations" ALTER COLUMN "vendor" TYPE TEXT COLLATE "und-x-icu";
ALTER TABLE "users" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";
