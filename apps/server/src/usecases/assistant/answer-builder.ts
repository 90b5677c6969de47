import { addressIn, type AssistantAnswer, type AssistantFacts, type AssistantIntent } from '@tellerline/contracts';
import { localTimeOf, parseHm } from '@tellerline/engine';
import { ANSWER_TEXTS, type AnswerTexts } from './answer-texts.js';
import { pick, type BranchFacts, type Lang, type ServiceFacts } from './branch-facts.js';
import { hoursOutlook, type HoursOutlook } from './branch-hours.js';
import { documentVerdict } from './document-yes-no.js';
import { earlyTicketsOpenAt } from './early-tickets.js';
import { hoursAnswer, hoursFacts, nextOpening, windowsText } from './hours-answer.js';
import type { IntentMatch } from './intent-matcher.js';

export type { BranchFacts, Lang, ServiceFacts } from './branch-facts.js';

/** Topics offered as suggestions, in this order. */
const TOPICS: readonly AssistantIntent[] = ['hours', 'address', 'documents', 'waits', 'booking', 'change-booking', 'check-in', 'priority', 'missed-call', 'notifications', 'staff'];
/** What usually comes next after each answer (the rest follow in TOPICS order). */
const NEXT: Partial<Record<AssistantIntent, AssistantIntent[]>> = {
  hours: ['address', 'waits', 'booking', 'documents'],
  address: ['hours', 'waits', 'booking'],
  documents: ['waits', 'booking', 'hours'],
  waits: ['notifications', 'booking', 'documents'],
  service: ['booking', 'hours', 'notifications'],
  booking: ['check-in', 'change-booking', 'documents'],
  'change-booking': ['booking', 'check-in', 'staff'],
  'my-booking': ['check-in', 'change-booking', 'documents'],
  'check-in': ['change-booking', 'waits', 'notifications'],
  priority: ['waits', 'staff', 'documents'],
  'missed-call': ['notifications', 'waits', 'staff'],
  'late-booking': ['check-in', 'change-booking', 'waits'],
  duration: ['booking', 'waits', 'documents'],
  ticket: ['missed-call', 'notifications', 'waits'],
  notifications: ['waits', 'missed-call', 'check-in'],
  staff: ['hours', 'waits', 'documents'],
  // What the assistant can tell instead.
  'out-of-scope': ['hours', 'documents', 'waits'],
};
const SUGGESTIONS_SHOWN = 4;

function suggestionsFor(intent: AssistantIntent, t: AnswerTexts): string[] {
  if (intent === 'fallback' || intent === 'greeting') return TOPICS.map((topic) => t.suggestions[topic]!);
  const order = [...(NEXT[intent] ?? []), ...TOPICS].filter((topic, i, all) => topic !== intent && all.indexOf(topic) === i);
  return order.slice(0, SUGGESTIONS_SHOWN).map((topic) => t.suggestions[topic]!);
}

function chosen(f: BranchFacts, match: IntentMatch): readonly ServiceFacts[] {
  return match.serviceIds.length > 0 ? f.services.filter((s) => match.serviceIds.includes(s.id)) : f.services;
}

function documentsAnswer(f: BranchFacts, match: IntentMatch, lang: Lang): { text: string[]; facts: AssistantFacts } {
  const t = ANSWER_TEXTS[lang];
  const services = chosen(f, match);
  // The other language's list rather than nothing, as the booking page does.
  const docsOf = (s: ServiceFacts) => (s.documents[lang].length > 0 ? s.documents[lang] : s.documents[lang === 'zh' ? 'en' : 'zh']);
  let lines = services.map((s) => {
    const label = t.service(pick(s.name, lang), s.code);
    const docs = docsOf(s);
    return docs.length > 0 ? t.documents.forService(label, t.list(docs)) : t.documents.none(label);
  });
  // A yes/no question about one document ("Do I need my passport?", "要带护照吗") is answered
  // yes or no first, as the day questions are, then with the lists it was read from.
  const lead: string[] = [];
  const after: string[] = [];
  if (match.yesNo && match.document) {
    const doc = match.document;
    const verdicts = services.map((s) => documentVerdict(doc, docsOf(s)));
    const same = verdicts.every((v) => v.verdict === verdicts[0]!.verdict);
    if (verdicts.length > 0 && same) {
      const sameLines = verdicts.every((v) => v.lines.join('\n') === verdicts[0]!.lines.join('\n'));
      const stand = sameLines && verdicts[0]!.lines.length > 0 ? verdicts[0]!.lines : null;
      lead.push(t.documents.verdict(verdicts[0]!.verdict, stand ? t.list(stand) : null, doc.identity));
    } else if (verdicts.length > 0) {
      lead.push(t.documents.depends);
      lines = lines.map((line, i) => t.documents.each(verdicts[i]!.verdict, line));
      if (verdicts.some((v) => v.verdict === 'other-id')) after.push(t.documents.otherIdCounter);
    }
  }
  const intro = match.serviceIds.length === 0 && lead.length === 0 ? [t.documents.intro] : [];
  return {
    text: [...lead, ...intro, lines.join('\n'), ...after, t.documents.originals],
    facts: { kind: 'documents', services: services.map((s) => ({ code: s.code, name: s.name, documents: docsOf(s) })) },
  };
}

/** How long each service named (else every service) takes at the counter: its appointments' length. */
function durationAnswer(f: BranchFacts, match: IntentMatch, lang: Lang): string[] {
  const t = ANSWER_TEXTS[lang];
  const lines = chosen(f, match).map((s) => t.duration.forService(t.service(pick(s.name, lang), s.code), s.durationMin));
  return [t.duration.intro, lines.join('\n'), t.duration.atCounter];
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
  // Before opening, in the early window, the kiosk already issues tickets: say so, with the waits.
  const opensAt = outlook.openNow ? null : earlyTicketsOpenAt(f, now);
  if (!outlook.openNow && opensAt === null) return closedWaits(f, outlook, lang, now);
  const early = opensAt === null ? [] : [t.waits.early(pick(f.name, lang), opensAt)];
  if (!f.queue) return { text: [...early, t.waits.notOpen], facts: [{ kind: 'waits', live: false, services: [] }] };
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
    text: [...early, lines.join('\n'), t.waits.hint],
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
export function buildAnswer(match: IntentMatch, facts: BranchFacts, lang: Lang, now: number): AssistantAnswer {
  // Closure reasons given in both languages are told in the customer's.
  const f: BranchFacts = { ...facts, language: lang };
  const t = ANSWER_TEXTS[lang];
  const parts: { text: string[]; facts?: AssistantFacts[] } = (() => {
    switch (match.intent) {
      case 'hours': {
        const h = hoursAnswer(f, match, lang, now);
        return { text: h.text, facts: [h.facts] };
      }
      case 'address': {
        const address = addressIn(f.address, lang);
        return { text: [address ? t.address.at(pick(f.name, lang), address) : t.address.unknown(pick(f.name, lang))] };
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
      case 'my-booking':
        return { text: [t.myBooking] };
      case 'check-in':
        return { text: [t.checkIn(f.booking.checkInEarlyMin, f.booking.checkInLateMin)] };
      case 'priority':
        return { text: [t.priority] };
      case 'missed-call':
        return { text: [t.missedCall(f.noShowAfterMin, f.booking.checkInLateMin)] };
      case 'late-booking':
        return { text: [t.lateBooking(f.booking.checkInLateMin)] };
      case 'duration':
        return { text: durationAnswer(f, match, lang) };
      case 'notifications':
        return { text: [t.notifications] };
      case 'ticket':
        return { text: [t.ticket(match.ticket ?? ''), t.ticketCalled(f.noShowAfterMin)] };
      case 'staff':
        return { text: [t.staff] };
      case 'out-of-scope':
        return { text: [t.outOfScope] };
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
