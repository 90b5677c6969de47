/**
 * CSV for spreadsheets, shared by every download (KPI reports, the audit log): RFC 4180 (CRLF
 * line ends, quoted where needed), UTF-8 with a byte order mark, without which Excel reads
 * Chinese text as mojibake.
 */
export const CSV_BOM = '\uFEFF';

/** Line end between rows (RFC 4180). */
export const CSV_EOL = '\r\n';

/**
 * One text field. A field a spreadsheet would take for a formula (a staff name "=HYPERLINK(...)")
 * is prefixed with an apostrophe; quotes, commas and line breaks are quoted.
 */
export function csvText(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
