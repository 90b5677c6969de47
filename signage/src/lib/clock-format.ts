/**
 * The lobby clock in the branch's time zone (not the display PC's): the same instant formatted
 * for both languages. An unknown zone falls back to the PC's own rather than blanking the clock.
 */
export interface ClockText {
  time: string;
  dateZh: string;
  dateEn: string;
}

const cache = new Map<string, { time: Intl.DateTimeFormat; zh: Intl.DateTimeFormat; en: Intl.DateTimeFormat }>();

function formatters(timeZone: string | undefined) {
  const key = timeZone ?? '';
  let f = cache.get(key);
  if (!f) {
    const tz = timeZone ? { timeZone } : {};
    f = {
      time: new Intl.DateTimeFormat('en-GB', { ...tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      zh: new Intl.DateTimeFormat('zh-CN', { ...tz, month: 'long', day: 'numeric', weekday: 'long' }),
      en: new Intl.DateTimeFormat('en-GB', { ...tz, weekday: 'long', day: 'numeric', month: 'long' }),
    };
    cache.set(key, f);
  }
  return f;
}

export function formatClock(now: number, timeZone: string | undefined): ClockText {
  let f;
  try {
    f = formatters(timeZone);
  } catch {
    f = formatters(undefined);
  }
  return { time: f.time.format(now), dateZh: f.zh.format(now), dateEn: f.en.format(now) };
}
