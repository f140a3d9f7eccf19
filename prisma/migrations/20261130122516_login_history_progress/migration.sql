-- AlterTable
ALTER TABLE "login_history_imports" ADD COLUMN     "bytes_read" BIGINT NOT NULL DEFAULT 0;
