-- CreateTable
CREATE TABLE "readiness_snapshots" (
    "campaign_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "source" TEXT NOT NULL,
    "taken_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "readiness_snapshots_pkey" PRIMARY KEY ("campaign_id","day")
);

-- CreateTable
CREATE TABLE "readiness_snapshot_rows" (
    "campaign_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "category" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "verdicts" JSONB NOT NULL,
    "bases" JSONB NOT NULL,
    "tls10" INTEGER NOT NULL,
    "tls11" INTEGER NOT NULL,
    "tls12" INTEGER NOT NULL,
    "tls13" INTEGER NOT NULL,
    "cert30" INTEGER NOT NULL,
    "cert60" INTEGER NOT NULL,
    "cert90" INTEGER NOT NULL,
    "items_done" INTEGER NOT NULL,
    "items_total" INTEGER NOT NULL,
    "items_ticked" INTEGER NOT NULL,
    "added" INTEGER NOT NULL,
    "retired" INTEGER NOT NULL,

    CONSTRAINT "readiness_snapshot_rows_pkey" PRIMARY KEY ("campaign_id","category","owner","day")
);

-- AddForeignKey
ALTER TABLE "readiness_snapshots" ADD CONSTRAINT "readiness_snapshots_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "readiness_snapshot_rows" ADD CONSTRAINT "readiness_snapshot_rows_campaign_id_day_fkey" FOREIGN KEY ("campaign_id", "day") REFERENCES "readiness_snapshots"("campaign_id", "day") ON DELETE CASCADE ON UPDATE CASCADE;
