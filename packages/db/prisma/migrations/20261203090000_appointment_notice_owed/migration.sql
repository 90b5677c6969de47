-- AlterTable
ALTER TABLE "appointments" ADD COLUMN     "notice_owed" TEXT,
ADD COLUMN     "notice_owed_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "appointments_notice_owed_at_idx" ON "appointments"("notice_owed_at");

