import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, fold, utc } from '../src/index.js';

const unfold = (s: string) => s.replace(/\r\n /g, '');

describe('RFC 5545 VEVENT builder', () => {
  const event = {
    uid: 'appt-42@bank.example',
    start: Date.UTC(2026, 11, 1, 1, 30), // 09:30 in Shanghai
    end: Date.UTC(2026, 11, 1, 2, 0),
    stamp: Date.UTC(2026, 10, 20, 8, 0, 5, 999),
    summary: 'Loans; mortgage, review',
    description: 'Bring: ID card\nLast 3 pay slips\\originals',
    location: '中央支行 Central branch, 1 Bank St',
    url: 'https://bank.example/appointments/x',
    organizer: { name: 'Central branch, Loans', email: 'loans@bank.example' },
    alarmMinutesBefore: 60,
  };

  it('writes a VCALENDAR with CRLF lines, UTC times and escaped text', () => {
    const ics = buildIcs(event);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare CR or LF
    const lines = unfold(ics).split('\r\n');
    expect(lines).toContain('DTSTART:20261201T013000Z');
    expect(lines).toContain('DTEND:20261201T020000Z');
    expect(lines).toContain('DTSTAMP:20261120T080005Z');
    expect(lines).toContain('SUMMARY:Loans\\; mortgage\\, review');
    expect(lines).toContain('DESCRIPTION:Bring: ID card\\nLast 3 pay slips\\\\originals');
    expect(lines).toContain('LOCATION:中央支行 Central branch\\, 1 Bank St');
    expect(lines).toContain('ORGANIZER;CN="Central branch, Loans":mailto:loans@bank.example');
    expect(lines).toContain('TRIGGER:-PT60M');
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain('STATUS:CONFIRMED');
  });

  it('cancels with the same UID and a higher SEQUENCE', () => {
    const lines = unfold(buildIcs({ ...event, sequence: 1 }, { method: 'CANCEL' })).split('\r\n');
    expect(lines).toEqual(expect.arrayContaining(['METHOD:CANCEL', 'STATUS:CANCELLED', 'SEQUENCE:1', 'UID:appt-42@bank.example']));
    expect(lines).not.toContain('BEGIN:VALARM');
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const long = `DESCRIPTION:${escapeText('请携带身份证和最近三个月的工资单原件。'.repeat(6))}`;
    const folded = fold(long);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(unfold(folded)).toBe(long);
    expect(fold('SUMMARY:short')).toBe('SUMMARY:short');
    const ascii = 'X'.repeat(200);
    expect(unfold(fold(ascii))).toBe(ascii);
    expect(fold(ascii).split('\r\n').map((l) => l.length)).toEqual([75, 75, 52]) // 75 + (1 + 74) + (1 + 51);
  });

  it("puts a branch's street address in LOCATION escaped and folded (commas, semicolons, a line break, Chinese)", () => {
    const location = '总行营业部, 北京市西城区金融大街 1 号; 东门\n入口（地铁 2 号线复兴门站 C 口）';
    const ics = buildIcs({ ...event, location });
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const lines = unfold(ics).split('\r\n');
    expect(lines).toContain('LOCATION:总行营业部\\, 北京市西城区金融大街 1 号\\; 东门\\n入口（地铁 2 号线复兴门站 C 口）');
    expect(lines.filter((l) => l.startsWith('LOCATION:'))).toHaveLength(1);
    const { location: _, ...noPlace } = event;
    expect(buildIcs(noPlace)).not.toContain('LOCATION');
  });

  it('escapes TEXT and formats UTC', () => {
    expect(escapeText('a\\b;c,d\r\ne\rf\u0007')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(utc(0)).toBe('19700101T000000Z');
    expect(() => buildIcs({ ...event, end: event.start })).toThrow(RangeError);
  });
});
