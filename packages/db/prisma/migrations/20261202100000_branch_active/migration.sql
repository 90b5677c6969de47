-- AlterTable
ALTER TABLE "branches" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true;

