-- CreateTable
CREATE TABLE "job_schedules" (
    "name" TEXT NOT NULL,
    "last_slot" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "job_schedules_pkey" PRIMARY KEY ("name")
);
