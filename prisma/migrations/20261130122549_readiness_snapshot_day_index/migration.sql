-- CreateIndex
CREATE INDEX "readiness_snapshot_rows_campaign_id_day_idx" ON "readiness_snapshot_rows"("campaign_id", "day");
