-- Phone numbers are stored in one form (contracts `normalizePhone`): a leading + when there was
-- one, then the digits. Earlier numbers were stored as typed ("138 0013 8000", "138-0013-8000"),
-- so the same person's number did not compare equal; they only held ASCII digits, spaces, dashes
-- and a leading +, so dropping every non-digit gives the same form as normalizePhone.
UPDATE "customers"
SET "phone" = CASE WHEN btrim("phone") LIKE '+%' THEN '+' ELSE '' END || regexp_replace("phone", '[^0-9]', '', 'g')
WHERE "phone" IS NOT NULL;

-- SMS contacts of a ticket: one row per number (unique ticket, channel, address). Where a ticket
-- has the same number twice in different spellings, the newest row is kept.
DELETE FROM "notice_contacts" AS a
USING "notice_contacts" AS b
WHERE a."channel" = 'sms' AND b."channel" = 'sms' AND a."ticket_id" = b."ticket_id" AND a."id" <> b."id"
  AND regexp_replace(a."address", '[^0-9+]', '', 'g') = regexp_replace(b."address", '[^0-9+]', '', 'g')
  AND (a."created_at", a."id") < (b."created_at", b."id");

UPDATE "notice_contacts"
SET "address" = CASE WHEN btrim("address") LIKE '+%' THEN '+' ELSE '' END || regexp_replace("address", '[^0-9]', '', 'g')
WHERE "channel" = 'sms';
