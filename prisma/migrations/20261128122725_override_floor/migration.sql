-- AlterTable
ALTER TABLE "integrations" ADD COLUMN     "override_floor" "TlsVersion";
