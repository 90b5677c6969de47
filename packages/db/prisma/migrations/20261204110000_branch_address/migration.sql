-- A branch's street address in each language (optional; customers are told where to go).
ALTER TABLE "branches" ADD COLUMN "address_zh" TEXT,
ADD COLUMN "address_en" TEXT;
