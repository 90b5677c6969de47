-- Manage-link tokens are no longer stored in plain text (security L5): a new appointment's token is
-- derived from its id and `manage_token_nonce` under the installation's link secret (never in the
-- database) and only its SHA-256 is stored. Rows from before keep their token working through its
-- hash; their plaintext stays only while their notices may still need it (the server clears it
-- once the visit has begun), and `manage_token_nonce` NULL marks them as not derivable.
ALTER TABLE "appointments" ADD COLUMN "manage_token_hash" TEXT;
ALTER TABLE "appointments" ADD COLUMN "manage_token_nonce" INTEGER;
UPDATE "appointments" SET "manage_token_hash" = encode(sha256(convert_to("manage_token", 'UTF8')), 'hex');
ALTER TABLE "appointments" ALTER COLUMN "manage_token_hash" SET NOT NULL;
ALTER TABLE "appointments" ALTER COLUMN "manage_token" DROP NOT NULL;
CREATE UNIQUE INDEX "appointments_manage_token_hash_key" ON "appointments"("manage_token_hash");
-- Visits already begun need no notice: their plaintext goes now.
UPDATE "appointments" SET "manage_token" = NULL WHERE "starts_at" <= now();
