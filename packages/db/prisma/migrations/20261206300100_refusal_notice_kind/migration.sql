-- A refused booking attempt now owes one of two notices to the contact on file: 'already-booked'
-- (it overlapped their booking) or 'booking-limit' (they hold the most bookings allowed; the
-- notice names their next booking). Rows written before this are overlap notices.
ALTER TABLE "already_booked_owed" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'already-booked';
