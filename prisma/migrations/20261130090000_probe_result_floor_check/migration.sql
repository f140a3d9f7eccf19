-- The probe library's result calls its own check against the floor "floorCheck"; it was "verdict",
-- the word the readiness verdict uses (lib/readiness/verdict.ts). Stored results are renamed too,
-- so old and new probes read the same. Data only: the schema does not change. (The probe CLI's
-- JSON still prints the key "verdict", a contract of its own.)
UPDATE "probes"
   SET "result" = ("result" - 'verdict') || jsonb_build_object('floorCheck', "result" -> 'verdict')
 WHERE jsonb_typeof("result") = 'object' AND "result" ? 'verdict';
