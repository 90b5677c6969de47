-- Phone numbers are stored in E.164 (contracts `normalizePhone`): "+", the country code, the
-- national number. Numbers stored by the migration before were "+" and digits when typed with a
-- +, else the digits as typed, so "13800138000" and "+8613800138000" were the same person twice.
-- A number without a country code is a mainland one (+86, its trunk 0 dropped); "00" is the
-- international prefix; 11 digits or more starting 86 are the country code typed without its +.

-- SMS contacts of a ticket: one row per number (unique ticket, channel, address). Where a ticket
-- has the same number with and without its country code, the newest row is kept.
DELETE FROM "notice_contacts" AS a
USING "notice_contacts" AS b
WHERE a."channel" = 'sms' AND b."channel" = 'sms' AND a."ticket_id" = b."ticket_id" AND a."id" <> b."id"
  AND (CASE
         WHEN a."address" LIKE '+%' THEN a."address"
         WHEN a."address" LIKE '00%' THEN '+' || substr(a."address", 3)
         WHEN length(a."address") >= 11 AND a."address" LIKE '86%' THEN '+' || a."address"
         ELSE '+86' || regexp_replace(a."address", '^0', '')
       END) = (CASE
         WHEN b."address" LIKE '+%' THEN b."address"
         WHEN b."address" LIKE '00%' THEN '+' || substr(b."address", 3)
         WHEN length(b."address") >= 11 AND b."address" LIKE '86%' THEN '+' || b."address"
         ELSE '+86' || regexp_replace(b."address", '^0', '')
       END)
  AND (a."created_at", a."id") < (b."created_at", b."id");

UPDATE "notice_contacts"
SET "address" = CASE
    WHEN "address" LIKE '00%' THEN '+' || substr("address", 3)
    WHEN length("address") >= 11 AND "address" LIKE '86%' THEN '+' || "address"
    ELSE '+86' || regexp_replace("address", '^0', '')
  END
WHERE "channel" = 'sms' AND "address" NOT LIKE '+%';

UPDATE "customers"
SET "phone" = CASE
    WHEN "phone" LIKE '00%' THEN '+' || substr("phone", 3)
    WHEN length("phone") >= 11 AND "phone" LIKE '86%' THEN '+' || "phone"
    ELSE '+86' || regexp_replace("phone", '^0', '')
  END
WHERE "phone" IS NOT NULL AND "phone" NOT LIKE '+%';
