-- AlterTable
ALTER TABLE "branches" ADD COLUMN     "booking_version" INTEGER NOT NULL DEFAULT 0;

