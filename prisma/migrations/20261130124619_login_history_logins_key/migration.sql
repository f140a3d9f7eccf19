-- DropIndex
DROP INDEX "login_history_logins_application_client_version_api_type_idx";

-- DropIndex
DROP INDEX "login_history_logins_import_id_idx";

-- DropIndex
DROP INDEX "login_history_logins_identity";

-- AlterTable
ALTER TABLE "login_history_logins" DROP CONSTRAINT "login_history_logins_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "login_history_logins_pkey" PRIMARY KEY ("username", "login_at", "source_ip", "application", "tls_protocol");
