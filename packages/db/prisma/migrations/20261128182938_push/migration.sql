-- CreateTable
CREATE TABLE "push_subscriptions" (
    "id" TEXT NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "lang" TEXT NOT NULL DEFAULT 'zh',
    "ahead_threshold" INTEGER,
    "on_called" BOOLEAN NOT NULL DEFAULT true,
    "consent_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notice_contacts" (
    "id" TEXT NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lang" TEXT NOT NULL DEFAULT 'zh',
    "ahead_threshold" INTEGER,
    "on_called" BOOLEAN NOT NULL DEFAULT true,
    "consent_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notice_contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "push_subscriptions_created_at_idx" ON "push_subscriptions"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "push_subscriptions_ticket_id_endpoint_key" ON "push_subscriptions"("ticket_id", "endpoint");

-- CreateIndex
CREATE INDEX "notice_contacts_created_at_idx" ON "notice_contacts"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "notice_contacts_ticket_id_channel_address_key" ON "notice_contacts"("ticket_id", "channel", "address");

-- AddForeignKey
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notice_contacts" ADD CONSTRAINT "notice_contacts_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

