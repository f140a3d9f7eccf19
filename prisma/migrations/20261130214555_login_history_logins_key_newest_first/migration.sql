-- The logins' key, newest first: an export lists its newest login first, so its keys arrive in the
-- index's order and land at its right-hand end (docs/decisions/0011). A unique index, since a primary
-- key cannot be ordered; ON CONFLICT on the five columns infers it as it did the key.
-- AlterTable
ALTER TABLE "login_history_logins" DROP CONSTRAINT "login_history_logins_pkey";

-- CreateIndex
CREATE UNIQUE INDEX "login_history_logins_key" ON "login_history_logins"("login_at" DESC, "username", "source_ip", "application", "tls_protocol");
