import type { AssistantAnswer, AssistantFacts, AssistantIntent, Closure, ServiceQueueView } from '@tellerline/contracts';
import type { LocalizedText, WeeklyWindows } from '@tellerline/engine';
import { addDays, localTimeOf, parseHm } from '@tellerline/engine';
import { ANSWER_TEXTS, type AnswerTexts } from './answer-texts.js';
import { branchDay, DAYS_SHOWN, hoursOutlook, type HoursOutlook } from './branch-hours.js';
import type { AskedDay } from './intent-cues.js';
import type { IntentMatch, NamedService } from './intent-matcher.js';

/** A service as the assistant tells about it: public configuration only. */
export interface ServiceFacts extends NamedService {
  documents: { zh: string[]; en: string[] };
  walkIns: boolean;
  bookable: boolean;
}

/**
 * Everything the assistant may tell about a branch: its public configuration and the live
 * queue's counts and wait estimates. Nothing about any customer is in here, so no answer can
 * contain personal data whatever the question.
 */
export interface BranchFacts {
  name: LocalizedText;
  timezone: string;
  hours: WeeklyWindows;
  closures: readonly Closure[];
  services: readonly ServiceFacts[];
  /** The kiosk's per-service counts and estimates; null when the branch's queue is not open. */
  queue: readonly ServiceQueueView[] | null;
  booking: { enabled: boolean; remoteQueue: boolean; checkInEarlyMin: number; checkInLateMin: number };
  /** Minutes after a call before an absent customer's number lapses (NO_SHOW_AFTER_MIN). */
  noShowAfterMin: number;
}

export type Lang = 'zh' | 'en';

/** Topics offered as suggestions, in this order. */
const TOPICS: readonly AssistantIntent[] = ['hours', 'documents', 'waits', 'booking', 'change-booking', 'check-in', 'priority', 'missed-call', 'notifications', 'staff'];
/** What usually comes next after each answer (the rest follow in TOPICS order). */
const NEXT: Partial<Record<AssistantIntent, AssistantIntent[]>> = {
  hours: ['waits', 'booking', 'documents'],
  documents: ['waits', 'booking', 'hours'],
  waits: ['notifications', 'booking', 'documents'],
  service: ['booking', 'hours', 'notifications'],
  booking: ['check-in', 'change-booking', 'documents'],
  'change-booking': ['booking', 'check-in', 'staff'],
  'check-in': ['change-booking', 'waits', 'notifications'],
  priority: ['waits', 'staff', 'documents'],
  'missed-call': ['notifications', 'waits', 'staff'],
  ticket: ['missed-call', 'notifications', 'waits'],
  notifications: ['waits', 'missed-call', 'check-in'],
  staff: ['hours', 'waits', 'documents'],
};
const SUGGESTIONS_SHOWN = 4;

function suggestionsFor(intent: AssistantIntent, t: AnswerTexts): string[] {
  if (intent === 'fallback' || intent === 'greeting') return TOPICS.map((topic) => t.suggestions[topic]!);
  const order = [...(NEXT[intent] ?? []), ...TOPICS].filter((topic, i, all) => topic !== intent && all.indexOf(topic) === i);
  return order.slice(0, SUGGESTIONS_SHOWN).map((topic) => t.suggestions[topic]!);
}

const pick = (text: LocalizedText, lang: Lang) => text[lang] || text.zh || text.en;
const windowsText = (windows: { open: string; close: string }[], t: AnswerTexts) => t.list(windows.map((w) => `${w.open}–${w.close}`));

type Day = HoursOutlook['days'][number];

/** Which of the days shown a question names: days from today, or the next such weekday (today included). */
function askedDayIndex(days: readonly Day[], asked: AskedDay | null): number {
  if (!asked) return 0;
  if ('offset' in asked) return asked.offset < days.length ? asked.offset : 0;
  const at = days.findIndex((d) => d.weekday === asked.weekday);
  return at < 0 ? 0 : at;
}

/** The first opening after `minutes` into today (the rest of today's windows, else the next open day). */
function nextOpening(days: readonly Day[], minutes: number): { day: Day; windows: Day['windows'] } | null {
  const rest = days[0]!.windows.filter((w) => parseHm(w.open) > minutes);
  if (rest.length > 0) return { day: days[0]!, windows: rest };
  const next = days.slice(1).find((d) => d.windows.length > 0);
  return next ? { day: next, windows: next.windows } : null;
}

function hoursFacts(f: BranchFacts, outlook: HoursOutlook): AssistantFacts {
  return { kind: 'hours', timezone: f.timezone, days: outlook.days, openNow: outlook.openNow, upcomingClosures: outlook.upcomingClosures };
}

function hoursAnswer(f: BranchFacts, match: IntentMatch, lang: Lang, now: number): { text: string[]; facts: AssistantFacts } {
  const t = ANSWER_TEXTS[lang];
  const outlook = hoursOutlook(f, now);
  const [today, ...later] = outlook.days;
  const name = pick(f.name, lang);
  const text: string[] = [];
  const day = (d: { date: string; weekday: Parameters<AnswerTexts['day']>[1] }) => t.day(d.date, d.weekday);
  const asked = askedDayIndex(outlook.days, match.day);
  if (asked > 0) {
    // Another day named ("你们周日开门吗", "open tomorrow?"): that day's hours lead, today's are in the table.
    const d = outlook.days[asked]!;
    if (d.windows.length === 0) {
      text.push(t.hours.closedOn(name, day(d), asked, d.closure ? d.reason : null));
      // The day asked may be the last one shown: look on past the table for the next opening.
      const next = Array.from({ length: DAYS_SHOWN }, (_, i) => branchDay(f, addDays(d.date, i + 1))).find((x) => x.windows.length > 0);
      text.push(next ? t.hours.next(day(next), windowsText(next.windows, t)) : t.hours.noneSoon);
    } else {
      text.push(t.hours.openOn(name, day(d), asked, windowsText(d.windows, t)));
      if (d.closure) text.push(t.hours.partly(day(d), windowsText(d.windows, t), d.reason));
    }
  } else {
    const next = later.find((d) => d.windows.length > 0);
    const nextText = next ? t.hours.next(day(next), windowsText(next.windows, t)) : t.hours.noneSoon;
    if (today!.windows.length === 0) {
      text.push(t.hours.closedToday(name, day(today!), today!.closure ? today!.reason : null), nextText);
    } else {
      text.push(t.hours.openToday(name, day(today!), windowsText(today!.windows, t)) + (outlook.openNow ? t.hours.openNow : t.hours.closedNow));
      if (today!.closure) text.push(t.hours.partly(day(today!), windowsText(today!.windows, t), today!.reason));
      // Closed for the rest of today: when it opens next.
      const minutes = localTimeOf(now, f.timezone).minutes;
      if (!outlook.openNow && today!.windows.every((w) => parseHm(w.open) <= minutes)) text.push(nextText);
    }
  }
  // Closures in the days ahead (but the day asked about, told above): the whole days in one sentence, the shortened days each.
  const ahead = later.filter((d) => d !== outlook.days[asked]);
  const shut = ahead.filter((d) => d.closure && d.windows.length === 0);
  if (shut.length > 0) text.push(t.hours.closureSoon(t.list(shut.map(day)), shut.find((d) => d.reason)?.reason ?? null));
  for (const d of ahead) if (d.closure && d.windows.length > 0) text.push(t.hours.partly(day(d), windowsText(d.windows, t), d.reason));
  if (outlook.upcomingClosures.length > 0) {
    const dates = outlook.upcomingClosures.map((c) => `${c.until && c.until !== c.date ? `${c.date}–${c.until}` : c.date}${c.reason ? (lang === 'zh' ? `（${c.reason}）` : ` (${c.reason})`) : ''}`);
    text.push(t.hours.upcoming(t.list(dates)));
  }
  return { text, facts: hoursFacts(f, outlook) };
}

function chosen(f: BranchFacts, match: IntentMatch): readonly ServiceFacts[] {
  return match.serviceIds.length > 0 ? f.services.filter((s) => match.serviceIds.includes(s.id)) : f.services;
}

function documentsAnswer(f: BranchFacts, match: IntentMatch, lang: Lang): { text: string[]; facts: AssistantFacts } {
  const t = ANSWER_TEXTS[lang];
  const services = chosen(f, match);
  // The other language's list rather than nothing, as the booking page does.
  const docsOf = (s: ServiceFacts) => (s.documents[lang].length > 0 ? s.documents[lang] : s.documents[lang === 'zh' ? 'en' : 'zh']);
  const lines = services.map((s) => {
    const label = t.service(pick(s.name, lang), s.code);
    const docs = docsOf(s);
    return docs.length > 0 ? t.documents.forService(label, t.list(docs)) : t.documents.none(label);
  });
  return {
    text: [...(match.serviceIds.length === 0 ? [t.documents.intro] : []), lines.join('\n'), t.documents.originals],
    facts: { kind: 'documents', services: services.map((s) => ({ code: s.code, name: s.name, documents: docsOf(s) })) },
  };
}

/**
 * Waits when the branch is not open now (closed today, outside its hours, in a closure): why,
 * and when it opens next. The live queue may still hold numbers (staff finishing, a session left
 * open), but a new customer cannot join it, so no estimate is offered as current.
 */
function closedWaits(f: BranchFacts, outlook: HoursOutlook, lang: Lang, now: number): { text: string[]; facts: AssistantFacts[] } {
  const t = ANSWER_TEXTS[lang];
  const today = outlook.days[0]!;
  const name = pick(f.name, lang);
  const minutes = localTimeOf(now, f.timezone).minutes;
  const text: string[] = [];
  if (today.windows.length === 0) text.push(t.waits.closedToday(name, t.day(today.date, today.weekday), today.closure ? today.reason : null));
  else {
    // A closure's reason only when it is what closes the branch now, not earlier or later today.
    const weekly = f.hours[today.weekday] ?? [];
    const inClosure = today.closure && weekly.some((w) => parseHm(w.open) <= minutes && minutes < parseHm(w.close));
    text.push(t.waits.closedNow(name, inClosure ? today.reason : null));
  }
  const next = nextOpening(outlook.days, minutes);
  text.push(next ? t.hours.next(t.day(next.day.date, next.day.weekday), windowsText(next.windows, t)) : t.hours.noneSoon, t.waits.askLater);
  return { text, facts: [{ kind: 'waits', live: false, services: [] }, hoursFacts(f, outlook)] };
}

function waitsAnswer(f: BranchFacts, match: IntentMatch, lang: Lang, now: number): { text: string[]; facts: AssistantFacts[] } {
  const t = ANSWER_TEXTS[lang];
  const services = chosen(f, match);
  const outlook = hoursOutlook(f, now);
  if (!outlook.openNow) return closedWaits(f, outlook, lang, now);
  if (!f.queue) return { text: [t.waits.notOpen], facts: [{ kind: 'waits', live: false, services: [] }] };
  const rows = services.flatMap((s) => {
    const q = f.queue!.find((x) => x.serviceId === s.id);
    return q ? [{ s, q }] : [];
  });
  const lines = rows.map(({ s, q }) => {
    const label = t.service(pick(s.name, lang), s.code);
    if (!q.walkIns) return t.waits.appointmentOnly(label);
    return q.wait ? t.waits.line(label, q.waiting, q.wait.lowMin, q.wait.highMin) : t.waits.noStaff(label, q.waiting);
  });
  return {
    text: [lines.join('\n'), t.waits.hint],
    facts: [
      {
        kind: 'waits',
        live: true,
        services: rows.map(({ s, q }) => ({ code: s.code, name: s.name, waiting: q.waiting, lowMin: q.wait?.lowMin ?? null, highMin: q.wait?.highMin ?? null, noStaff: q.noStaff, walkIns: q.walkIns })),
      },
    ],
  };
}

/**
 * The answer to a matched question, from the branch's facts, in the language asked for. Pure:
 * `now` is an argument (today, open now, and the week ahead are in the branch's time zone).
 */
export function buildAnswer(match: IntentMatch, f: BranchFacts, lang: Lang, now: number): AssistantAnswer {
  const t = ANSWER_TEXTS[lang];
  const parts: { text: string[]; facts?: AssistantFacts[] } = (() => {
    switch (match.intent) {
      case 'hours': {
        const h = hoursAnswer(f, match, lang, now);
        return { text: h.text, facts: [h.facts] };
      }
      case 'documents': {
        const d = documentsAnswer(f, match, lang);
        return { text: d.text, facts: [d.facts] };
      }
      case 'waits': {
        const w = waitsAnswer(f, match, lang, now);
        return { text: w.text, facts: w.facts };
      }
      case 'service': {
        // A service named alone: what to bring and how long the wait is now.
        const d = documentsAnswer(f, match, lang);
        const w = waitsAnswer(f, match, lang, now);
        return { text: [...d.text.slice(0, -1), ...w.text.slice(0, -1)], facts: [d.facts, ...w.facts] };
      }
      case 'booking': {
        const bookable = f.services.filter((s) => s.bookable).map((s) => pick(s.name, lang));
        const byAppointment = f.services.filter((s) => !s.walkIns).map((s) => pick(s.name, lang));
        const online = f.booking.enabled && bookable.length > 0;
        // Without online booking the answer already sends people to the kiosk.
        const walkIn = online && byAppointment.length < f.services.length ? [t.walkIn(byAppointment.length ? t.list(byAppointment) : null)] : [];
        return { text: [t.booking(online, t.list(bookable), f.booking.remoteQueue), ...walkIn] };
      }
      case 'change-booking':
        return { text: [t.changeBooking] };
      case 'check-in':
        return { text: [t.checkIn(f.booking.checkInEarlyMin, f.booking.checkInLateMin)] };
      case 'priority':
        return { text: [t.priority] };
      case 'missed-call':
        return { text: [t.missedCall(f.noShowAfterMin, f.booking.checkInLateMin)] };
      case 'notifications':
        return { text: [t.notifications] };
      case 'ticket':
        return { text: [t.ticket(match.ticket ?? ''), t.ticketCalled(f.noShowAfterMin)] };
      case 'staff':
        return { text: [t.staff] };
      case 'greeting':
        return { text: [t.greeting] };
      case 'fallback':
        return { text: [t.fallback] };
    }
  })();
  return {
    intent: match.intent,
    answer: parts.text.filter((p) => p.length > 0).join('\n\n'),
    ...(parts.facts ? { facts: parts.facts } : {}),
    suggestions: suggestionsFor(match.intent, t),
  };
}
