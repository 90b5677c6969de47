-- AlterTable
ALTER TABLE "history_consent_confirmations" ADD COLUMN     "keep" BOOLEAN NOT NULL DEFAULT true;
