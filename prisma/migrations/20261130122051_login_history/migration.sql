-- CreateEnum
CREATE TYPE "LoginHistoryImportStatus" AS ENUM ('queued', 'running', 'done', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "LoginHistoryDateOrder" AS ENUM ('mdy', 'dmy', 'ymd');

-- AlterTable
-- The board work adds the same column in parallel: IF NOT EXISTS lets both migrations apply.
ALTER TABLE "integrations" ADD COLUMN IF NOT EXISTS "legacy_login_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "login_history_imports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "file_name" TEXT NOT NULL,
    "uploaded_by_id" UUID,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "LoginHistoryImportStatus" NOT NULL DEFAULT 'queued',
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "date_order" "LoginHistoryDateOrder" NOT NULL DEFAULT 'mdy',
    "gzipped" BOOLEAN NOT NULL DEFAULT false,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "rows_read" INTEGER NOT NULL DEFAULT 0,
    "rows_imported" INTEGER NOT NULL DEFAULT 0,
    "rows_refused" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "failure" TEXT,
    "rows_per_second" DOUBLE PRECISION,
    "from_at" TIMESTAMPTZ(3),
    "to_at" TIMESTAMPTZ(3),
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),

    CONSTRAINT "login_history_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_history_upload_parts" (
    "import_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "login_history_upload_parts_pkey" PRIMARY KEY ("import_id","seq")
);

-- CreateTable
CREATE TABLE "login_history_logins" (
    "id" BIGSERIAL NOT NULL,
    "import_id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "login_at" TIMESTAMPTZ(3) NOT NULL,
    "source_ip" TEXT NOT NULL,
    "login_type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "browser" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "application" TEXT NOT NULL,
    "client_version" TEXT NOT NULL,
    "api_type" TEXT NOT NULL,
    "api_version" TEXT NOT NULL,
    "login_url" TEXT NOT NULL,
    "tls_protocol" TEXT NOT NULL,
    "cipher_suite" TEXT NOT NULL,

    CONSTRAINT "login_history_logins_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_history_links" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "integration_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "login_history_links_pkey" PRIMARY KEY ("kind","key")
);

-- CreateIndex
CREATE INDEX "login_history_imports_uploaded_at_idx" ON "login_history_imports"("uploaded_at");

-- CreateIndex
CREATE INDEX "login_history_imports_status_idx" ON "login_history_imports"("status");

-- CreateIndex
CREATE INDEX "login_history_logins_application_client_version_api_type_idx" ON "login_history_logins"("application", "client_version", "api_type");

-- CreateIndex
CREATE INDEX "login_history_logins_import_id_idx" ON "login_history_logins"("import_id");

-- CreateIndex
CREATE UNIQUE INDEX "login_history_logins_identity" ON "login_history_logins"("username", "login_at", "source_ip", "application", "tls_protocol");

-- CreateIndex
CREATE INDEX "login_history_links_integration_id_idx" ON "login_history_links"("integration_id");

-- AddForeignKey
ALTER TABLE "login_history_imports" ADD CONSTRAINT "login_history_imports_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "login_history_upload_parts" ADD CONSTRAINT "login_history_upload_parts_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "login_history_imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "login_history_logins" ADD CONSTRAINT "login_history_logins_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "login_history_imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "login_history_links" ADD CONSTRAINT "login_history_links_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
