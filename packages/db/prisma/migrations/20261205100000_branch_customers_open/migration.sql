-- AlterTable: every branch there today already takes customers; a branch made from now on by
-- the API says so itself (it starts "in preparation" unless the request opens it).
ALTER TABLE "branches" ADD COLUMN     "customers_open" BOOLEAN NOT NULL DEFAULT true;
