-- AlterTable
ALTER TABLE "appointments" ADD COLUMN     "cancelled_by" TEXT;
