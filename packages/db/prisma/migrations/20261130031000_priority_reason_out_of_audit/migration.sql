-- Priority reasons (elderly, pregnant, disability, or staff's own words) are health data: the audit
-- log keeps only the class and that a reason was given. Scrub the entries written before that.
UPDATE "audit_log"
SET "details" = ("details" - 'reason') || '{"reasonGiven": "yes"}'::jsonb
WHERE "action" IN ('issue', 'raise-priority') AND "details" ? 'reason';
