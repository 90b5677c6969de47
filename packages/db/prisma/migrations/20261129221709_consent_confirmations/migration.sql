-- AlterTable
ALTER TABLE "appointments" ADD COLUMN     "created_profile" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "history_consent_confirmations" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "appointment_id" TEXT NOT NULL,
    "preferences" JSONB NOT NULL DEFAULT '{}',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "history_consent_confirmations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "history_consent_confirmations_token_hash_key" ON "history_consent_confirmations"("token_hash");

-- AddForeignKey
ALTER TABLE "history_consent_confirmations" ADD CONSTRAINT "history_consent_confirmations_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "history_consent_confirmations" ADD CONSTRAINT "history_consent_confirmations_appointment_id_fkey" FOREIGN KEY ("appointment_id") REFERENCES "appointments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

