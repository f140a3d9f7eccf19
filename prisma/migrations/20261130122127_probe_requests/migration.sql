-- CreateTable
CREATE TABLE "probe_requests" (
    "id" BIGSERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "probes" INTEGER NOT NULL,

    CONSTRAINT "probe_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "probe_requests_user_id_at_idx" ON "probe_requests"("user_id", "at");

-- AddForeignKey
ALTER TABLE "probe_requests" ADD CONSTRAINT "probe_requests_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
