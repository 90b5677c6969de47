-- AlterTable
ALTER TABLE "appointments" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'branch',
ADD COLUMN     "checked_in_at" TIMESTAMPTZ(3),
ADD COLUMN     "join_url" TEXT,
ADD COLUMN     "late_arrival" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "branches" ADD COLUMN     "booking" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "services" ADD COLUMN     "booking" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "staff" ADD COLUMN     "roster" JSONB;

-- CreateTable
CREATE TABLE "ticket_arrivals" (
    "ticket_id" TEXT NOT NULL,
    "branch_id" TEXT NOT NULL,
    "arrived_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ticket_arrivals_pkey" PRIMARY KEY ("ticket_id")
);

-- CreateIndex
CREATE INDEX "ticket_arrivals_branch_id_arrived_at_idx" ON "ticket_arrivals"("branch_id", "arrived_at");

