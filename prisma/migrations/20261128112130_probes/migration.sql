-- CreateEnum
CREATE TYPE "ProbeStatus" AS ENUM ('queued', 'running', 'done', 'cancelled');

-- CreateEnum
CREATE TYPE "ProbeRunKind" AS ENUM ('single', 'bulk', 'scheduled');

-- AlterTable
ALTER TABLE "integrations" ADD COLUMN     "latest_probe_id" UUID,
ADD COLUMN     "override_at" TIMESTAMPTZ(3),
ADD COLUMN     "override_by_id" UUID,
ADD COLUMN     "override_ready" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "override_reason" TEXT;

-- CreateTable
CREATE TABLE "probe_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "ProbeRunKind" NOT NULL,
    "requested_by_id" UUID,
    "label" TEXT NOT NULL DEFAULT '',
    "total" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "probe_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "probes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "integration_id" UUID,
    "run_id" UUID,
    "requested_by_id" UUID,
    "status" "ProbeStatus" NOT NULL DEFAULT 'queued',
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "sni" TEXT,
    "starttls" "StarttlsMode" NOT NULL DEFAULT 'none',
    "floor" "TlsVersion" NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "queued_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "result" JSONB,
    "error_kind" TEXT,
    "handshake_version" "TlsVersion",
    "accepts_tls10" BOOLEAN,
    "cert_not_after" TIMESTAMPTZ(3),
    "cert_problem" TEXT,
    "duration_ms" INTEGER,

    CONSTRAINT "probes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "probe_runs_created_at_idx" ON "probe_runs"("created_at");

-- CreateIndex
CREATE INDEX "probes_integration_id_queued_at_idx" ON "probes"("integration_id", "queued_at");

-- CreateIndex
CREATE INDEX "probes_run_id_status_idx" ON "probes"("run_id", "status");

-- CreateIndex
CREATE INDEX "probes_status_queued_at_idx" ON "probes"("status", "queued_at");

-- CreateIndex
CREATE UNIQUE INDEX "integrations_latest_probe_id_key" ON "integrations"("latest_probe_id");

-- AddForeignKey
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_override_by_id_fkey" FOREIGN KEY ("override_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_latest_probe_id_fkey" FOREIGN KEY ("latest_probe_id") REFERENCES "probes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe_runs" ADD CONSTRAINT "probe_runs_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probes" ADD CONSTRAINT "probes_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probes" ADD CONSTRAINT "probes_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "probe_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probes" ADD CONSTRAINT "probes_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
