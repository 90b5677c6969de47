-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "idempotency_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_branch_id_idempotency_key_key" ON "audit_log"("branch_id", "idempotency_key");

