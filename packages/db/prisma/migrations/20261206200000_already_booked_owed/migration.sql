-- An 'already-booked' notice that could not be queued when the attempt was refused: the owed-notice
-- sweep queues it later (one row per refused attempt).
-- CreateTable
CREATE TABLE "already_booked_owed" (
    "appointment_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "already_booked_owed_pkey" PRIMARY KEY ("appointment_id","at")
);

-- CreateIndex
CREATE INDEX "already_booked_owed_at_idx" ON "already_booked_owed"("at");

-- AddForeignKey
ALTER TABLE "already_booked_owed" ADD CONSTRAINT "already_booked_owed_appointment_id_fkey" FOREIGN KEY ("appointment_id") REFERENCES "appointments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

