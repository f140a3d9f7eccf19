-- AlterTable
ALTER TABLE "login_history_logins" DROP CONSTRAINT "login_history_logins_pkey",
ADD CONSTRAINT "login_history_logins_pkey" PRIMARY KEY ("login_at", "username", "source_ip", "application", "tls_protocol");
