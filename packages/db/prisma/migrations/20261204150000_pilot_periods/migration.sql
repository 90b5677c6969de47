-- CreateTable
CREATE TABLE "branch_pilot_periods" (
    "id" TEXT NOT NULL,
    "branch_id" TEXT NOT NULL,
    "starts_on" TEXT NOT NULL,
    "ends_on" TEXT,

    CONSTRAINT "branch_pilot_periods_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "branch_pilot_periods_branch_id_starts_on_idx" ON "branch_pilot_periods"("branch_id", "starts_on");

-- AddForeignKey
ALTER TABLE "branch_pilot_periods" ADD CONSTRAINT "branch_pilot_periods_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Branches that are pilots today have been since they were created, as far as anyone can tell
-- now: an open period from their creation day in their own time zone.
INSERT INTO "branch_pilot_periods" ("id", "branch_id", "starts_on")
SELECT gen_random_uuid()::text, "id", to_char("created_at" AT TIME ZONE "timezone", 'YYYY-MM-DD')
FROM "branches" WHERE "pilot";
