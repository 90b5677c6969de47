-- AlterTable
ALTER TABLE "appointments" ADD COLUMN     "history_asked" JSONB;

