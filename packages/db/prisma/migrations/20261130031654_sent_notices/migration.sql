-- CreateTable
CREATE TABLE "sent_notices" (
    "key" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sent_notices_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "sent_notices_sent_at_idx" ON "sent_notices"("sent_at");

