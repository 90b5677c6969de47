-- DropIndex
DROP INDEX "service_records_ticket_id_idx";

-- AlterTable
ALTER TABLE "service_records" ADD COLUMN     "branch_id" TEXT NOT NULL,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL;

-- CreateTable
CREATE TABLE "survey_responses" (
    "ticket_id" TEXT NOT NULL,
    "branch_id" TEXT NOT NULL,
    "service_id" TEXT NOT NULL,
    "staff_id" TEXT,
    "rating" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_responses_pkey" PRIMARY KEY ("ticket_id")
);

-- CreateIndex
CREATE INDEX "survey_responses_branch_id_created_at_idx" ON "survey_responses"("branch_id", "created_at");

-- CreateIndex
CREATE INDEX "service_records_branch_id_created_at_idx" ON "service_records"("branch_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "service_records_ticket_id_staff_id_key" ON "service_records"("ticket_id", "staff_id");

-- AddForeignKey
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

