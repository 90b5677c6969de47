import { HOLD_GRACE_MIN, HOLD_IDLE_MIN, HOLD_MAX_WAIT_TARGETS, holdFor, type Hold } from './appointment-hold.js';
import { callReason, holdText } from './call-reason.js';
import type { CallReason } from './events.js';
import type { BranchState, ServiceDef, StaffState, Ticket } from './model.js';
import { joinedBefore, lineOf } from './queue-order.js';
import { withQueueIndex } from './target-risk.js';
import { keepsSlot, urgencyOf, type Urgency } from './urgency.js';

export { URGENCY_FLOOR, APPOINTMENT_AT_SLOT, LATE_APPOINTMENT_SLOPE, keepsSlot, urgencyOf, type Urgency } from './urgency.js';

/** Recent durations a service needs before its own typical time counts (as for the ETA). */
export const SPEED_MIN_SAMPLES = 3;
/** A service's speed factor stays within [1/SPEED_CLAMP, SPEED_CLAMP]. */
export const SPEED_CLAMP = 4;

/**
 * A ticket outside the staff member's own queues (`ownServices`: the services they are most
 * proficient at, and the one that leans on them most) scores this many times less: a helper
 * takes another queue's customer before their own only when that customer is
 * CROSS_SKILL_DISCOUNT times as urgent (x proficiency x speed).
 *
 * Why: helping costs capacity twice over. The helper serves at proficiency < 1 (service time /
 * proficiency), and their own queue, which often only they and few others serve, waits
 * meanwhile. This is the primary-skill-first practice of skill-based routing (a cross-trained
 * server assists another class only when its backlog passes a threshold, as in threshold
 * policies for parallel-server systems), made soft so that waiting still accumulates without
 * bound and nobody starves (the worst-case bound grows by this factor: see
 * test/starvation.test.ts). Simulator (fifo and fixed-order baselines; seeds 1-40 and 101-200,
 * never the holdout): a factor of 1 (plain c-mu) helped too eagerly and lost share within
 * target to per-service FIFO; 2, 3, 4 and "never help while your own queue waits" were within
 * noise of each other, 4 slightly best.
 */
export const CROSS_SKILL_DISCOUNT = 4;

/**
 * A ticket is left to a free colleague who is faster at it only while it has waited less than
 * this many targets: a colleague who shows as available but does not call (away from the desk
 * without pausing) must not leave it waiting past its target.
 */
export const LEAVE_MAX_WAIT_TARGETS = 1;

/** How far `pickNext` follows "a faster colleague is free and would call it" (their colleagues too). */
const LEAVE_DEPTH = 2;

const MIN_MS = 60_000;


/** A waiting ticket a staff member could call, with why. */
export interface Candidate {
  ticket: Ticket;
  /** urgency x proficiency; higher is called first (after reserved tickets). */
  score: number;
  /** True when transferred to this staff member's counter: such tickets go first. */
  reserved: boolean;
  reason: CallReason;
  /** The slot this staff member is held for (see `holdFor`), and whether this ticket fits before it. */
  hold?: Hold & { fits: boolean };
}

/** A ticket as the routing policy sees it for one staff member. */
export interface ScoredTicket {
  ticket: Ticket;
  score: number;
  reserved: boolean;
  proficiency: number;
  urgency: Urgency;
  /** The service's speed factor (1 until the branch has measured service times). */
  speed: number;
  /** The service's typical minutes, when the speed factor is in use. */
  typicalMin?: number;
  /** One of the staff member's own queues (`ownServices`): not discounted. */
  own: boolean;
  /** This ticket heads its line and carries the score of someone behind it (`withQueueIndex`). */
  carriedFor?: Ticket;
}

/**
 * The "mu" of the c-mu rule, per service: how many customers of this service one staff member
 * clears per minute, relative to the branch's services on average. Learned from the recent
 * service times the branch keeps for the ETA: typical minutes of a service = the mean of its
 * recent durations once it has SPEED_MIN_SAMPLES of them, else its configured default; speed =
 * (mean of all services' typical minutes) / (this service's), clamped to [1/4, 4].
 *
 * Until the branch has measured at least one service (start of its life, after a reset), there
 * is no learned speed and every service counts 1: routing is then by urgency and skill alone.
 * Durations of zero (a start and complete in the same instant) are not a measurement.
 */
export interface ServiceSpeeds {
  speed: Record<string, number>;
  typicalMin: Record<string, number>;
}

export function serviceSpeeds(state: BranchState): ServiceSpeeds | undefined {
  return speedsOf(typicalOf(state));
}

function speedsOf({ typicalMin, measured }: { typicalMin: Record<string, number>; measured: boolean }): ServiceSpeeds | undefined {
  const ids = Object.keys(typicalMin);
  if (!measured || ids.length === 0) return undefined;
  let sum = 0;
  for (const id of ids) sum += typicalMin[id]!;
  const ref = sum / ids.length;
  const speed: Record<string, number> = {};
  for (const id of ids) speed[id] = Math.min(SPEED_CLAMP, Math.max(1 / SPEED_CLAMP, ref / typicalMin[id]!));
  return { speed, typicalMin };
}

/**
 * Typical minutes per service: the mean of its recent durations once it has SPEED_MIN_SAMPLES
 * of them, else its configured default (1 if none). `measured`: at least one service has its own.
 * Durations of zero (a start and complete in the same instant) are not a measurement.
 */
export function typicalOf(state: BranchState): { typicalMin: Record<string, number>; measured: boolean } {
  const typicalMin: Record<string, number> = {};
  let measured = false;
  for (const svc of Object.values(state.services)) {
    const recent = state.stats[svc.id]?.recentServiceSec ?? [];
    let total = 0;
    for (const x of recent) total += x;
    const mean = recent.length > 0 ? total / recent.length / 60 : 0;
    const own = recent.length >= SPEED_MIN_SAMPLES && mean > 0;
    if (own) measured = true;
    typicalMin[svc.id] = own ? mean : svc.defaultDurationMin > 0 ? svc.defaultDurationMin : 1;
  }
  return { typicalMin, measured };
}

/**
 * Call-next policy (ARCHITECTURE.md section 4), a generalised c-mu rule with accumulating
 * priority. Eligible: waiting, in a service the staff member has proficiency > 0 for, and not
 * reserved for another counter. Order: tickets reserved for this staff member's counter first;
 * then score = urgency x proficiency x service speed, highest first; ties by join time (FIFO),
 * then ticket id. Proficiency x speed is the staff member's service rate for that ticket (the
 * "mu"): between two equally urgent customers, the one served faster goes first, which clears
 * the queue sooner for everyone (see `serviceSpeeds`). Appointments held by their slot (the
 * appointment term is the larger part of their urgency) are not weighed by speed: long
 * services are the ones people book, and their slot is kept. Nor is a specialist's own queue
 * (the service they are most proficient at) slowed below 1: its target already allows for its
 * length, and counting the length twice starved long services nobody else serves. Tickets
 * outside the staff member's own queues (`ownServices`) count CROSS_SKILL_DISCOUNT times less:
 * helpers help when another queue is clearly worse off, not at the first sign of waiting.
 *
 * Reservation for appointments: when a booked slot (calendar or checked in) is coming that no
 * colleague will be free for (`holdFor`), tickets that fit before it go first (`fitsHold`);
 * `pickNext` keeps the staff member free when nothing fits and the slot is near.
 *
 * No starvation: urgency grows without bound with waiting time and proficiency and speed are
 * bounded away from 0, so a ticket eventually outscores any newer arrival (as long as arrivals
 * do not exceed capacity). Returns candidates best-first; empty when staff is unknown or
 * nothing is eligible.
 */
export function rankCandidates(state: BranchState, staffId: string, now: number): Candidate[] {
  const r = rank(state, staffId, now, decision(state, now));
  const order = r.list.map((_, i) => i).sort((a, b) => (first(r.list[a]!, r.list[b]!) ? -1 : first(r.list[b]!, r.list[a]!) ? 1 : 0));
  return order.map((i) => candidateOf(state, r, i, now));
}

/** A staff member's eligible tickets (in no particular order), before any reason text is written. */
interface Ranking {
  list: { s: ScoredTicket; fits: boolean }[];
  hold: Hold | undefined;
  /** Index in `list` of the ticket the call order puts first. */
  head: number;
  /** The hold put another ticket first than the best by score alone. */
  passedOver: boolean;
}

/**
 * What `rankCandidates` orders, without sorting and without a call reason per ticket: call-next
 * needs the first ticket (or the first one not left to a colleague) and one reason, and it asks
 * this for every free colleague too, so a sort and a reason per waiting ticket was most of its cost.
 */
function rank(state: BranchState, staffId: string, now: number, d: Decision): Ranking {
  const staff = state.staff[staffId];
  if (!staff) return { list: [], hold: undefined, head: -1, passedOver: false };
  const { speeds, typicalMin } = d;
  const own = staff.status === 'offline' ? ownServices(state, staff) : ownOf(staff, d.skilled);
  const top = topSkill(staff);
  const scored: ScoredTicket[] = [];
  for (const w of d.waiting) {
    const s = scoreWaiting(staff, w, speeds, own, top);
    if (s) scored.push(s);
  }
  if (scored.length === 0) return { list: [], hold: undefined, head: -1, passedOver: false };
  withQueueIndex(scored);
  // Without a booked slot anywhere (calendar or checked in), `holdFor` has nothing to hold for.
  const hold = d.slots ? holdOf(state, staff, now, typicalMin) : undefined;
  const fits = hold ? (s: ScoredTicket) => fitsHold(s, hold, now, typicalMin) : () => true;
  const list = scored.map((s) => ({ s, fits: fits(s) }));
  const head = firstOf(list, () => true);
  // Say why when the hold changed the pick: the best by score alone was passed over.
  const passedOver = hold !== undefined && list[head]!.s !== scored.reduce((x, y) => (better(y, x) ? y : x));
  return { list, hold, head, passedOver };
}

/**
 * What one decision (one call-next, with every colleague it asks) computes once instead of once
 * per ranking: all of it depends on the state and `now` only, not on who is asking.
 */
interface Decision {
  /** Rankings of this decision by staff id (see `ranked`). */
  rankings: Map<string, Ranking>;
  speeds: ServiceSpeeds | undefined;
  typicalMin: Record<string, number>;
  /** Waiting tickets of known services, in state order, with their urgency (the same for every staff member). */
  waiting: Waiting[];
  /** Whether any booked slot exists: a calendar entry or a waiting appointment that keeps its slot. */
  slots: boolean;
  /** Per service, the summed proficiency of the staff not offline (the denominator of `ownServices`). */
  skilled: Record<string, number>;
}

interface Waiting {
  ticket: Ticket;
  service: ServiceDef;
  urgency: Urgency;
}

function decision(state: BranchState, now: number): Decision {
  const typical = typicalOf(state);
  const waiting: Waiting[] = [];
  let slots = state.expected !== undefined && Object.keys(state.expected).length > 0;
  for (const ticket of Object.values(state.tickets)) {
    if (ticket.status !== 'waiting') continue;
    if (!slots && keepsSlot(ticket, state.routing)) slots = true;
    const service = state.services[ticket.serviceId];
    if (service) waiting.push({ ticket, service, urgency: urgencyOf(ticket, service, state.routing, now) });
  }
  return { rankings: new Map(), speeds: speedsOf(typical), typicalMin: typical.typicalMin, waiting, slots, skilled: skilledTotals(state) };
}

/** Index of the entry the call order puts first among those `keep` accepts; -1 when none. */
function firstOf(list: Ranking['list'], keep: (e: Ranking['list'][number]) => boolean): number {
  let best = -1;
  for (let i = 0; i < list.length; i++) {
    if (keep(list[i]!) && (best < 0 || first(list[i]!, list[best]!))) best = i;
  }
  return best;
}

function candidateOf(state: BranchState, r: Ranking, i: number, now: number): Candidate {
  const { s, fits } = r.list[i]!;
  const c = toCandidate(state, s, i === r.head && r.passedOver ? r.hold : undefined, now);
  if (r.hold) c.hold = { ...r.hold, fits: fits || s.reserved };
  return c;
}

/**
 * The ticket call-next would hand to `staffId` now: the head of `rankCandidates`, except
 *
 * - tickets a free colleague who is faster at them would call themselves right now are left
 *   to them (`leftToColleagues`), and
 * - when even the best remaining ticket would keep them past a slot they are held for that is
 *   due within HOLD_IDLE_MIN: undefined, and they stay free for it (`keepFreeFor` says which).
 *
 * Undefined also when every ticket they could call is left to faster colleagues.
 */
export function pickNext(state: BranchState, staffId: string, now: number): Candidate | undefined {
  return choose(state, staffId, now, 0, decision(state, now)).pick;
}

/** The slot `staffId` is being kept free for now, when `pickNext` gives nobody although tickets wait. */
export function keepFreeFor(state: BranchState, staffId: string, now: number): Hold | undefined {
  const { head, pick } = choose(state, staffId, now, 0, decision(state, now));
  if (pick || !head?.hold || head.hold.fits) return undefined;
  return { serviceId: head.hold.serviceId, appointmentAt: head.hold.appointmentAt };
}

/**
 * Ids of the tickets `staffId` leaves to free colleagues now: each one a signed-on, available
 * colleague with a higher proficiency for it would call themselves at this moment (their own
 * `pickNext`), and that has waited less than LEAVE_MAX_WAIT_TARGETS targets.
 *
 * Why (the fastest-free-server rule of heterogeneous-server queues): when a customer arrives
 * while several skilled staff are free, whoever asks first would take them. If that is a helper
 * at proficiency 0.6 while the specialist (1.0) sits idle, the branch spends 1/0.6 of the work
 * on this customer and the helper is busy when their own queue gets its next arrival. Both
 * baselines and the plain c-mu rule lose that capacity. (Simulator: this alone took seeds
 * 101-200 from 3 to 11 scenarios meeting the whole goal, and share within target from behind
 * per-service FIFO to level with it.)
 */
export function leftToColleagues(state: BranchState, staffId: string, now: number): Set<string> {
  const d = decision(state, now);
  return leaveSet(state, staffId, now, ranked(state, staffId, now, d), 0, d);
}

/**
 * One call-next asks every free colleague what they would call (and they theirs): the rankings
 * of one decision are computed once per staff member, not once per question.
 */
function ranked(state: BranchState, staffId: string, now: number, d: Decision): Ranking {
  let r = d.rankings.get(staffId);
  if (!r) d.rankings.set(staffId, (r = rank(state, staffId, now, d)));
  return r;
}

function choose(state: BranchState, staffId: string, now: number, depth: number, d: Decision): { head?: Candidate; pick?: Candidate } {
  const r = ranked(state, staffId, now, d);
  if (r.head < 0) return {};
  // The head can only be left to a colleague who is free and faster at its service (directly,
  // or by queueing behind a ticket of that service that is): without one, no need to ask around.
  // Nor when the head is not leavable itself (reserved, or waited its target): whatever it queues
  // behind in its service has waited longer, so nothing is left ahead of it and it stays the pick.
  const h = r.list[r.head]!.s;
  const askAround = depth < LEAVE_DEPTH && leavable(state, h, now) && fasterFreeColleague(state, staffId, h.ticket.serviceId);
  const left = askAround ? leaveSet(state, staffId, now, r, depth, d) : new Set<string>();
  const i = left.size === 0 ? r.head : firstOf(r.list, (k) => !left.has(k.s.ticket.id));
  if (i < 0) return {};
  const head = candidateOf(state, r, i, now);
  const top = r.list[r.head]!.s.ticket;
  if (i !== r.head) {
    const code = state.services[top.serviceId]?.code ?? top.serviceId;
    head.reason.text += `; ${top.number} is left to a free colleague faster at ${code}`;
    head.reason.leftTo = { number: top.number, serviceCode: code };
  }
  const held = head.hold && !head.hold.fits && head.hold.appointmentAt - now <= HOLD_IDLE_MIN * MIN_MS;
  return held ? { head } : { head, pick: head };
}

function leaveSet(state: BranchState, staffId: string, now: number, r: Ranking, depth: number, d: Decision): Set<string> {
  const left = new Set<string>();
  const me = state.staff[staffId];
  if (!me) return left;
  const fresh = r.list.map((k) => k.s).filter((c) => leavable(state, c, now));
  if (fresh.length === 0) return left;
  const services = new Set(fresh.map((c) => c.ticket.serviceId));
  for (const o of Object.values(state.staff)) {
    if (o.id === staffId || o.status !== 'available') continue;
    let faster = false;
    for (const sid of services) if ((o.skills[sid] ?? 0) > (me.skills[sid] ?? 0)) faster = true;
    if (!faster) continue;
    const theirs = choose(state, o.id, now, depth + 1, d).pick;
    if (!theirs) continue;
    const sid = theirs.ticket.serviceId;
    if ((o.skills[sid] ?? 0) > (me.skills[sid] ?? 0) && fresh.some((c) => c.ticket.id === theirs.ticket.id)) left.add(theirs.ticket.id);
  }
  // First come, first served within a service and class holds at every call: whoever queued
  // behind a ticket left to a colleague waits for that colleague's call too (a moment later).
  const ahead = [...left].map((id) => state.tickets[id]!);
  for (const { s: c } of r.list) if (ahead.some((t) => behind(c.ticket, t))) left.add(c.ticket.id);
  return left;
}

/** Whether a colleague of `staffId` is free to call and more proficient at `serviceId`. */
function fasterFreeColleague(state: BranchState, staffId: string, serviceId: string): boolean {
  const mine = state.staff[staffId]?.skills[serviceId] ?? 0;
  for (const o of Object.values(state.staff)) {
    if (o.id !== staffId && o.status === 'available' && (o.skills[serviceId] ?? 0) > mine) return true;
  }
  return false;
}

/** `a` is a walk-in queued after `b` in the same line (service and priority class). */
function behind(a: Ticket, b: Ticket): boolean {
  const line = lineOf(a);
  return a.id !== b.id && line !== undefined && line === lineOf(b) && joinedBefore(b, a);
}

/** A ticket that may be left to a faster colleague: not transferred here, waited less than LEAVE_MAX_WAIT_TARGETS targets. */
function leavable(state: BranchState, c: ScoredTicket, now: number): boolean {
  return !c.reserved && waitedTargets(state, c.ticket, now) < LEAVE_MAX_WAIT_TARGETS;
}

function waitedTargets(state: BranchState, t: Ticket, now: number): number {
  const target = state.services[t.serviceId]?.targetMin ?? 0;
  return (now - t.joinedAt) / MIN_MS / (target > 0 ? target : 1);
}

/** Tickets that fit the hold go first; otherwise the usual order. */
function first(a: { s: ScoredTicket; fits: boolean }, b: { s: ScoredTicket; fits: boolean }): boolean {
  if (a.s.reserved !== b.s.reserved) return a.s.reserved;
  if (a.fits !== b.fits) return a.fits;
  return better(a.s, b.s);
}

/** The slot `staff` must stay free for, looking as far ahead as their longest service takes. */
function holdOf(state: BranchState, staff: StaffState, now: number, typicalMin: Record<string, number>): Hold | undefined {
  let horizon = 0;
  for (const [id, p] of Object.entries(staff.skills)) {
    const typical = typicalMin[id];
    if (p > 0 && typical !== undefined) horizon = Math.max(horizon, typical / p);
  }
  return holdFor(state, staff, now, horizon * MIN_MS, typicalMin);
}

/**
 * A ticket fits the hold when serving it is expected to end by the held slot + HOLD_GRACE_MIN
 * (typical minutes / proficiency), when it is itself a booked customer due no later than that
 * slot (calling them now is on time), or when it has waited HOLD_MAX_WAIT_TARGETS times its target.
 */
function fitsHold(s: ScoredTicket, hold: Hold, now: number, typicalMin: Record<string, number>): boolean {
  // No starvation through holds: someone who has waited HOLD_MAX_WAIT_TARGETS targets is not
  // held back for a booked customer.
  if (s.urgency.waitTerm >= HOLD_MAX_WAIT_TARGETS) return true;
  if (s.urgency.slotInMin !== undefined && now + s.urgency.slotInMin * MIN_MS <= hold.appointmentAt) return true;
  const typical = typicalMin[s.ticket.serviceId] ?? 0;
  return now + (typical / s.proficiency) * MIN_MS <= hold.appointmentAt + HOLD_GRACE_MIN * MIN_MS;
}

/**
 * Scores `ticket` for `staff`, or undefined when they may not call it. Exported for the ETA and
 * for manual calls, which reuse the same numbers in their reason.
 */
export function scoreTicket(state: BranchState, staff: StaffState, ticket: Ticket, now: number): ScoredTicket | undefined {
  return scoreWith(state, staff, ticket, now, serviceSpeeds(state), ownServices(state, staff), topSkill(staff));
}

/** `scoreTicket` with the service speeds computed once for the whole ranking. */
function scoreWith(
  state: BranchState,
  staff: StaffState,
  ticket: Ticket,
  now: number,
  speeds: ServiceSpeeds | undefined,
  ownQueues: ReadonlySet<string>,
  top: number,
): ScoredTicket | undefined {
  if (ticket.status !== 'waiting') return undefined;
  const service = state.services[ticket.serviceId];
  if (!service) return undefined;
  return scoreWaiting(staff, { ticket, service, urgency: urgencyOf(ticket, service, state.routing, now) }, speeds, ownQueues, top);
}

/** `scoreWith` for a waiting ticket of a known service whose urgency is known already. */
function scoreWaiting(
  staff: StaffState,
  { ticket, service, urgency }: Waiting,
  speeds: ServiceSpeeds | undefined,
  ownQueues: ReadonlySet<string>,
  top: number,
): ScoredTicket | undefined {
  const proficiency = staff.skills[ticket.serviceId] ?? 0;
  if (!(proficiency > 0)) return undefined;
  if (ticket.reservedCounterId !== undefined && ticket.reservedCounterId !== staff.counterId) return undefined;
  // A booked slot is a promise whatever the service's length: speed weighs walk-in waits only.
  const bySlot = urgency.appointmentTerm > urgency.waitTerm;
  let speed = bySlot ? 1 : (speeds?.speed[service.id] ?? 1);
  // A specialist's own queue is not put behind short services elsewhere for being slow: the
  // target already says how long its customers may wait, and nobody else may be able to serve it.
  if (proficiency >= top) speed = Math.max(speed, 1);
  const own = ownQueues.has(service.id);
  const scored: ScoredTicket = {
    ticket,
    score: (urgency.weight * proficiency * speed) / (own ? 1 : CROSS_SKILL_DISCOUNT),
    reserved: ticket.reservedCounterId !== undefined,
    proficiency,
    urgency,
    speed,
    own,
  };
  const typical = speeds?.typicalMin[service.id];
  if (typical !== undefined && !bySlot) scored.typicalMin = typical;
  return scored;
}

/**
 * A staff member's own queues: the services they are most proficient at, and the service(s)
 * that depend on them most, i.e. where their proficiency is the largest share of what the
 * signed-on staff skilled for it can do together (p / sum of p). The second matters when
 * someone's best skill is well staffed while a queue few others serve leans on them: a
 * cross-trained teller who is the only one on duty for foreign exchange must not treat it as
 * "helping". (Simulator: seeds 101-200 from 14 to 19 scenarios meeting the whole goal, 201-300
 * from 24 to 25, 1-40 from 7 to 8.)
 */
export function ownServices(state: BranchState, staff: StaffState): Set<string> {
  return ownOf(staff, skilledTotals(state, staff.id));
}

/**
 * Per service, the summed proficiency of the staff not offline (and of `alsoId`, who is asking
 * even when offline): the denominator of the shares in `ownServices`. Summed in staff order,
 * so one decision's totals and a single `ownServices` call give bit-for-bit the same shares.
 */
function skilledTotals(state: BranchState, alsoId?: string): Record<string, number> {
  const skilled: Record<string, number> = {};
  for (const o of Object.values(state.staff)) {
    if (o.status === 'offline' && o.id !== alsoId) continue;
    for (const [serviceId, q] of Object.entries(o.skills)) if (q > 0) skilled[serviceId] = (skilled[serviceId] ?? 0) + q;
  }
  return skilled;
}

/** `ownServices` with the per-service totals computed already (the staff member is counted in them). */
function ownOf(staff: StaffState, skilled: Record<string, number>): Set<string> {
  const top = topSkill(staff);
  const own = new Set<string>();
  let bestShare = 0;
  const share: Record<string, number> = {};
  for (const [serviceId, p] of Object.entries(staff.skills)) {
    if (!(p > 0)) continue;
    if (p >= top) own.add(serviceId);
    share[serviceId] = p / skilled[serviceId]!;
    bestShare = Math.max(bestShare, share[serviceId]);
  }
  for (const [serviceId, x] of Object.entries(share)) if (x >= bestShare) own.add(serviceId);
  return own;
}

/** The staff member's highest proficiency: the service(s) they specialise in. */
function topSkill(staff: StaffState): number {
  let top = 0;
  for (const p of Object.values(staff.skills)) if (p > top) top = p;
  return top;
}

function better(a: ScoredTicket, b: ScoredTicket): boolean {
  if (a.reserved !== b.reserved) return a.reserved;
  if (a.score !== b.score) return a.score > b.score;
  return joinedBefore(a.ticket, b.ticket);
}

/** Which part of the score decided it, for the reason shown to staff. */
function ruleOf(s: ScoredTicket): CallReason['rule'] {
  if (s.reserved) return 'reserved';
  if (s.urgency.appointmentTerm > s.urgency.waitTerm) return 'appointment';
  if (s.urgency.boost > 0) return 'priority';
  return 'urgency';
}

function toCandidate(state: BranchState, s: ScoredTicket, hold?: Hold, now?: number): Candidate {
  // scoreTicket only returns tickets whose service exists.
  const service = state.services[s.ticket.serviceId]!;
  const reason = callReason(ruleOf(s), s.urgency, service, s.ticket.priority, s.proficiency, s.score);
  // Say so when service speed weighed in (the score includes it): "A usually takes 4 min".
  if (s.typicalMin !== undefined) {
    reason.typicalMin = Math.max(1, Math.round(s.typicalMin));
    reason.text += `; ${service.code} usually takes ${reason.typicalMin} min`;
  }
  if (s.carriedFor) {
    reason.text += `; ${s.carriedFor.number} behind is close to the ${service.targetMin}-min target`;
    reason.behindNumber = s.carriedFor.number;
  }
  const held = hold && state.services[hold.serviceId];
  if (held && now !== undefined) {
    const inMin = (hold.appointmentAt - now) / MIN_MS;
    reason.text += `; ${holdText(held.code, inMin)}`;
    reason.holdFor = { serviceCode: held.code, inMin: Math.round(inMin) };
  }
  return { ticket: s.ticket, score: s.score, reserved: s.reserved, reason };
}
