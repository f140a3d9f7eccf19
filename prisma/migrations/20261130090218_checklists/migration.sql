-- CreateEnum
CREATE TYPE "ChecklistEvidence" AS ENUM ('none', 'note', 'link');

-- CreateEnum
CREATE TYPE "ChecklistAutomatic" AS ENUM ('probe_meets_floor', 'login_history_clean');

-- CreateEnum
CREATE TYPE "ChecklistTickSource" AS ENUM ('person', 'probe', 'import');

-- CreateTable
CREATE TABLE "checklist_templates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "campaign_id" UUID NOT NULL,
    "category" "IntegrationCategory",
    "title" TEXT NOT NULL,
    "guidance" TEXT NOT NULL DEFAULT '',
    "required" BOOLEAN NOT NULL DEFAULT true,
    "verification" BOOLEAN NOT NULL DEFAULT false,
    "evidence" "ChecklistEvidence" NOT NULL DEFAULT 'none',
    "automatic" "ChecklistAutomatic",
    "position" INTEGER NOT NULL,
    "retired_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "checklist_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checklist_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "template_id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "integration_id" UUID,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "done_at" TIMESTAMPTZ(3),
    "done_by_id" UUID,
    "done_by_probe_id" UUID,
    "note" TEXT,
    "evidence_url" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "checklist_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checklist_ticks" (
    "id" BIGSERIAL NOT NULL,
    "item_id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "integration_id" UUID,
    "title" TEXT NOT NULL,
    "done" BOOLEAN NOT NULL,
    "source" "ChecklistTickSource" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "by_id" UUID,
    "probe_id" UUID,
    "note" TEXT,
    "evidence_url" TEXT,

    CONSTRAINT "checklist_ticks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "checklist_templates_campaign_id_category_position_idx" ON "checklist_templates"("campaign_id", "category", "position");

-- CreateIndex
CREATE INDEX "checklist_items_integration_id_idx" ON "checklist_items"("integration_id");

-- CreateIndex
CREATE INDEX "checklist_items_campaign_id_idx" ON "checklist_items"("campaign_id");

-- CreateIndex
CREATE UNIQUE INDEX "checklist_items_template_id_integration_id_key" ON "checklist_items"("template_id", "integration_id");

-- CreateIndex
CREATE INDEX "checklist_ticks_item_id_at_idx" ON "checklist_ticks"("item_id", "at");

-- CreateIndex
CREATE INDEX "checklist_ticks_integration_id_at_idx" ON "checklist_ticks"("integration_id", "at");

-- AddForeignKey
ALTER TABLE "checklist_templates" ADD CONSTRAINT "checklist_templates_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "checklist_templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_done_by_id_fkey" FOREIGN KEY ("done_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_done_by_probe_id_fkey" FOREIGN KEY ("done_by_probe_id") REFERENCES "probes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_ticks" ADD CONSTRAINT "checklist_ticks_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "checklist_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_ticks" ADD CONSTRAINT "checklist_ticks_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_ticks" ADD CONSTRAINT "checklist_ticks_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_ticks" ADD CONSTRAINT "checklist_ticks_by_id_fkey" FOREIGN KEY ("by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_ticks" ADD CONSTRAINT "checklist_ticks_probe_id_fkey" FOREIGN KEY ("probe_id") REFERENCES "probes"("id") ON DELETE SET NULL ON UPDATE CASCADE;
