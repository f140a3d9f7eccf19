-- AlterTable
ALTER TABLE "integrations" ADD COLUMN     "below_floor_login_at" TIMESTAMPTZ(3);
