import type { BranchInfo, CallPhase, CallPhaseChange, PublicCall, ServiceQueueView, SignageSnapshot, StaffQueueSnapshot, TicketView } from '@tellerline/contracts';
import { estimateWait, keepsSlot, queueSummary, type BranchEvent, type BranchState, type LocalizedText, type Ticket } from '@tellerline/engine';
import type { LiveStateStore } from '@tellerline/live';
import { AppError } from '../errors.js';
import type { BranchDirectory, BranchProfile, Clock, TicketLookup, TicketRecord } from './ports.js';
import { createRemoteArrivals } from './remote-arrivals.js';
import { createTransferOrigins, type TransferOrigin } from './transfer-origins.js';

const RECENT_CALLS = 8;
const MAX_RESUMED_CALLS = 50;
const CALL_LOOKBACK_EVENTS = 300;
const PROFILE_TTL_MS = 60_000;

/**
 * Read models for each screen, projected from the live state. Signage views are built from
 * an allow-list of public fields (number, counter label, service name), never by filtering
 * a richer object, so a new customer field cannot leak to the lobby by accident.
 */
export function createViews(deps: {
  store: LiveStateStore;
  directory: BranchDirectory;
  tickets: TicketLookup;
  /** One ticket's events from the log, oldest first: where a transferred ticket came from. */
  ticketEvents: (ticketId: string) => Promise<BranchEvent[]>;
  /** The branch's stored events with seq > afterSeq, oldest first (PostgreSQL's event log). */
  loggedEvents?: (branchId: string, afterSeq: number, limit: number) => Promise<BranchEvent[]>;
  /** Remote tickets' kiosk arrivals (PostgreSQL): ticketId -> time, for those that arrived. None: never shown. */
  arrivals?: (ticketIds: readonly string[]) => Promise<Record<string, number>>;
  clock: Clock;
}) {
  const { store, directory, tickets, clock } = deps;
  const origins = createTransferOrigins(deps.ticketEvents);
  const arrivals = createRemoteArrivals({ read: deps.arrivals ?? (async () => ({})), now: () => clock.now() });
  /** A failed read shows "not here yet" until the next one: the queue's screens must not fail for it. */
  const loadArrivals = (list: readonly Ticket[]) => arrivals.load(list).catch(() => undefined);
  const profiles = new Map<string, { p: BranchProfile | null; until: number }>();
  const staffNames = new Map<string, { names: Record<string, string>; until: number }>();

  /** Display names change rarely; a minute-old copy keeps the hot fan-out path off the database. */
  async function namesOf(branchId: string): Promise<Record<string, string>> {
    const now = clock.now();
    let hit = staffNames.get(branchId);
    if (!hit || hit.until < now) {
      hit = { names: await directory.staffNames(branchId), until: now + PROFILE_TTL_MS };
      staffNames.set(branchId, hit);
    }
    return hit.names;
  }

  async function profile(branchId: string): Promise<BranchProfile> {
    const now = clock.now();
    let hit = profiles.get(branchId);
    if (!hit || hit.until < now) {
      hit = { p: await directory.profile(branchId), until: now + PROFILE_TTL_MS };
      profiles.set(branchId, hit);
    }
    if (!hit.p) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
    return hit.p;
  }

  async function live(branchId: string): Promise<BranchState> {
    const state = await store.load(branchId);
    if (!state) throw new AppError('BRANCH_UNKNOWN', 'This branch is not open');
    return state;
  }

  function services(state: BranchState): ServiceQueueView[] {
    const now = clock.now();
    return queueSummary(state, now).map((s) => {
      const def = state.services[s.serviceId]!;
      const est = s.newTicket;
      return {
        serviceId: def.id,
        code: def.code,
        name: def.name,
        waiting: s.waiting,
        longestWaitMin: s.longestWaitMin,
        targetMin: def.targetMin,
        wait: est.kind === 'range' ? { lowMin: est.lowMin, highMin: est.highMin, expectedMin: est.expectedMin } : null,
        noStaff: est.kind === 'no-staff',
        walkIns: def.walkIns !== false,
      };
    });
  }

  /**
   * Where a call of ticket `ticketId`, as `number` at `counterId`, stands in `state`. It stands
   * while the ticket is still called or served there under that number; a finished ticket has
   * left the live state, and a transferred or requeued one waits again (maybe renumbered).
   */
  function callPhase(state: BranchState, ticketId: string, number: string, counterId: string): CallPhase {
    const t = state.tickets[ticketId];
    if (!t || t.number !== number || t.counterId !== counterId) return 'over';
    return t.status === 'called' ? 'calling' : t.status === 'serving' ? 'serving' : 'over';
  }

  /** A call as the lobby shows it; `who` is the ticket's number and service at the time of the call. */
  function callView(state: BranchState, e: BranchEvent, who: { number: string; serviceId: string } | undefined): PublicCall | null {
    if (e.type !== 'ticket-called' && e.type !== 'ticket-recalled') return null;
    const service = who ? state.services[who.serviceId] : undefined;
    const counter = state.counters[e.counterId];
    if (!who || !service || !counter) return null;
    return {
      seq: e.seq,
      at: e.at,
      number: who.number,
      counterLabel: counter.label,
      serviceName: service.name,
      recall: e.type === 'ticket-recalled',
      phase: callPhase(state, e.ticketId, who.number, e.counterId),
    };
  }

  /**
   * The calls `e` moved on (answered, or ended), given the states before and after it. A staff
   * event can release a called ticket too (signed off), so without a ticket it looks at all.
   */
  function callPhaseChanges(before: BranchState, after: BranchState, e: BranchEvent): CallPhaseChange[] {
    const touched = 'ticketId' in e ? [before.tickets[e.ticketId]] : Object.values(before.tickets);
    const out: CallPhaseChange[] = [];
    for (const t of touched) {
      if (!t?.counterId || (t.status !== 'called' && t.status !== 'serving')) continue;
      const was = callPhase(before, t.id, t.number, t.counterId);
      const now = callPhase(after, t.id, t.number, t.counterId);
      if (now !== was) out.push({ seq: e.seq, number: t.number, phase: now });
    }
    return out;
  }

  function publicCall(state: BranchState, e: BranchEvent): PublicCall | null {
    return 'ticketId' in e ? callView(state, e, state.tickets[e.ticketId]) : null;
  }

  /**
   * The latest calls, newest first, including those whose ticket has finished since (it has left
   * the live state): a screen resuming after a drop must still get a call it missed. The ticket's
   * number comes from the window's own issue/transfer events, else the live state, else PostgreSQL.
   */
  async function recentCalls(branchId: string, state: BranchState, afterSeq: number): Promise<PublicCall[]> {
    const from = Math.max(0, state.seq - CALL_LOOKBACK_EVENTS);
    let events = await store.readEvents(branchId, from, CALL_LOOKBACK_EVENTS);
    const firstSeq = events[0]?.seq ?? state.seq + 1;
    if (firstSeq > from + 1 && deps.loggedEvents) {
      // The stream lacks the start of the window: the state was rebuilt from PostgreSQL after
      // Redis lost its data (an empty stream), or the stream was trimmed. The lobby's recent calls
      // come from the event log then; a failed read leaves the stream's own.
      const older = await deps.loggedEvents(branchId, from, firstSeq - from - 1).catch(() => []);
      events = [...older.filter((e) => e.seq < firstSeq), ...events];
    }
    const known = new Map<string, { number: string; serviceId: string }>();
    const calls: { e: BranchEvent; who: { number: string; serviceId: string } | undefined }[] = [];
    for (const e of events) {
      if (e.type === 'ticket-issued') known.set(e.ticketId, { number: e.number, serviceId: e.serviceId });
      else if (e.type === 'ticket-transferred') known.set(e.ticketId, { number: e.number, serviceId: e.toServiceId });
      else if (e.type === 'ticket-called' || e.type === 'ticket-recalled') calls.push({ e, who: known.get(e.ticketId) ?? state.tickets[e.ticketId] });
    }
    const out: PublicCall[] = [];
    for (const { e, who } of calls.reverse()) {
      // The latest few always (the screen's history panel), and every call the screen missed since
      // afterSeq, up to a cap, so a long outage does not silently drop calls.
      if (out.length >= MAX_RESUMED_CALLS || (out.length >= RECENT_CALLS && e.seq <= afterSeq)) break;
      const record = who || !('ticketId' in e) ? null : await tickets.byId(e.ticketId);
      const c = callView(state, e, who ?? (record?.branchId === branchId ? record : undefined));
      if (c) out.push(c);
    }
    return out;
  }

  /** The previous number and service as the phone shows them (the service as the branch names it now). */
  function transferredFrom(state: BranchState | null, origin: TransferOrigin | null | undefined): TicketView['transferredFrom'] {
    if (!origin) return null;
    const service = state?.services[origin.serviceId];
    return {
      number: origin.number,
      service: { id: origin.serviceId, code: service?.code ?? origin.number.replace(/\d+$/, ''), name: service?.name ?? { zh: '', en: '' } },
    };
  }

  /**
   * A live ticket's view. Where it came from by transfer is what this process knows (see
   * `liveTicketView` to read it first); unknown is shown as never transferred.
   */
  function ticketFrom(state: BranchState, t: Ticket): TicketView {
    const service = state.services[t.serviceId]!;
    const waiting = t.status === 'waiting';
    const est = waiting ? estimateWait(state, t.id, clock.now()) : null;
    return {
      seq: state.seq,
      branchId: state.branchId,
      number: t.number,
      service: { id: service.id, code: service.code, name: service.name },
      status: t.status,
      ahead: est?.ahead ?? 0,
      wait: est?.kind === 'range' ? { lowMin: est.lowMin, highMin: est.highMin, expectedMin: est.expectedMin } : null,
      noStaff: est?.kind === 'no-staff',
      counterLabel: t.counterId ? (state.counters[t.counterId]?.label ?? null) : null,
      issuedAt: t.issuedAt,
      calledAt: t.calledAt ?? null,
      lastCalledAt: t.lastCalledAt ?? t.calledAt ?? null,
      recalls: t.recalls,
      transferredFrom: transferredFrom(state, origins.peek(t)),
      appointmentAt: keepsSlot(t, state.routing) ? t.appointmentAt : null,
      // Only when true: the views of tickets taken at the branch stay as they were.
      ...(t.kind === 'remote' ? { remote: true as const, ...arrivedAt(t) } : {}),
    };
  }

  /** `{ arrivedAt }` once a remote ticket's holder checked in at the kiosk (as this process knows). */
  function arrivedAt(t: Ticket): { arrivedAt?: number } {
    const at = t.kind === 'remote' ? arrivals.peek(t.id) : undefined;
    return at === undefined ? {} : { arrivedAt: at };
  }

  /** A live ticket's view, with its transfer origin read first when this process does not know it. */
  async function liveTicketView(state: BranchState, t: Ticket): Promise<TicketView> {
    await Promise.all([origins.of(t), loadArrivals([t])]);
    return ticketFrom(state, t);
  }

  /**
   * `retired`: how the branch named the ticket's service when it is no longer active (the live
   * state keeps active services only), read by the caller (`ticket`).
   */
  function fromRecord(state: BranchState | null, r: TicketRecord, origin: TransferOrigin | null = null, retired?: { code: string; name: LocalizedText }): TicketView {
    const service = state?.services[r.serviceId] ?? retired;
    return {
      seq: state?.seq ?? 0,
      branchId: r.branchId,
      number: r.number,
      service: { id: r.serviceId, code: service?.code ?? r.number.replace(/\d+$/, ''), name: service?.name ?? { zh: '', en: '' } },
      status: r.status,
      ahead: 0,
      wait: null,
      noStaff: false,
      counterLabel: r.counterId ? (state?.counters[r.counterId]?.label ?? null) : null,
      issuedAt: r.issuedAt,
      calledAt: r.calledAt,
      // The record keeps the first call only: enough for a finished ticket, which alerts no more.
      lastCalledAt: r.calledAt,
      recalls: 0,
      transferredFrom: transferredFrom(state, origin),
      appointmentAt: null,
    };
  }

  return {
    services,
    ticketFrom,
    liveTicketView,
    fromRecord,
    /** Tells the views about an event the caller folded into `before` (a realtime node's fan-out). */
    seen: (before: BranchState, e: BranchEvent) => origins.seen(before, e),
    /** A remote ticket's arrival, recorded here or signalled by another node: views show it from now on. */
    noteArrival: (ticketId: string, at: number) => arrivals.note(ticketId, at),

    async branches(): Promise<BranchProfile[]> {
      return directory.list();
    },

    async branchInfo(branchId: string): Promise<BranchInfo | null> {
      const p = await directory.profile(branchId);
      if (!p) return null;
      const state = await store.load(branchId);
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        timezone: p.timezone,
        active: p.active,
        services: Object.values(state?.services ?? {}).map((s) => ({ id: s.id, code: s.code, name: s.name, targetMin: s.targetMin })),
        counters: Object.values(state?.counters ?? {}).map((c) => ({ id: c.id, label: c.label })),
      };
    },

    async queue(branchId: string): Promise<ServiceQueueView[]> {
      return services(await live(branchId));
    },

    /**
     * The lobby snapshot: the latest calls, plus every call after `afterSeq` (resume). A realtime
     * node passes the state it keeps current, sparing a read of the whole state from Redis.
     */
    async signage(branchId: string, afterSeq = 0, current?: BranchState): Promise<SignageSnapshot> {
      const [p, state] = await Promise.all([profile(branchId), current ?? live(branchId)]);
      const calls = await recentCalls(branchId, state, afterSeq);
      return { seq: state.seq, branch: { id: p.id, name: p.name, timezone: p.timezone }, calls, services: services(state) };
    },

    /** The branch as kiosks and lobby screens show it (public fields only); null: no such branch. */
    async lobbyBranch(branchId: string): Promise<SignageSnapshot['branch'] | null> {
      const p = await profile(branchId).catch(() => null);
      return p ? { id: p.id, name: p.name, timezone: p.timezone } : null;
    },

    /** The lobby's view of one event, given the state right after it (null: not a call). */
    publicCall,
    callPhaseChanges,

    async staffFrom(state: BranchState): Promise<StaffQueueSnapshot> {
      const now = clock.now();
      const list = Object.values(state.tickets);
      const [names] = await Promise.all([namesOf(state.branchId), loadArrivals(list)]);
      return {
        seq: state.seq,
        tickets: list
          .sort((a, b) => a.joinedAt - b.joinedAt)
          .map((t) => ({
            id: t.id,
            number: t.number,
            serviceId: t.serviceId,
            kind: t.kind,
            priority: t.priority,
            status: t.status as 'waiting' | 'called' | 'serving',
            waitedMin: Math.max(0, (now - t.joinedAt) / 60_000),
            targetMin: state.services[t.serviceId]?.targetMin ?? 0,
            counterId: t.counterId ?? null,
            staffId: t.staffId ?? null,
            recalls: t.recalls,
            transfers: t.transfers,
            appointmentAt: t.appointmentAt ?? null,
            reservedCounterId: t.reservedCounterId ?? null,
            callReason: t.callReason ?? null,
            ...arrivedAt(t),
          })),
        staff: Object.values(state.staff).map((s) => ({
          id: s.id,
          status: s.status,
          counterId: s.counterId ?? null,
          ticketId: s.ticketId ?? null,
          pauseReason: s.pauseReason ?? null,
          displayName: names[s.id] ?? s.id,
          skills: s.skills,
        })),
        services: services(state),
        counters: Object.values(state.counters).map((c) => ({ id: c.id, label: c.label })),
      };
    },

    /** The branch's name or time zone changed: the next read here gets them anew (other nodes within PROFILE_TTL_MS). */
    forget(branchId: string): void {
      profiles.delete(branchId);
      staffNames.delete(branchId);
    },

    liveState: live,

    async liveTicket(branchId: string, ticketId: string): Promise<Ticket | null> {
      return (await store.load(branchId))?.tickets[ticketId] ?? null;
    },

    async staff(branchId: string): Promise<StaffQueueSnapshot> {
      return this.staffFrom(await live(branchId));
    },

    /** The phone page: live while the ticket is active, from PostgreSQL once it has finished. */
    /**
     * `customerId`: the profile a kiosk or booked ticket was issued for (its notices), kept once
     * finished too: the survey invitation after the visit goes to that contact, so the customer
     * must still be able to see and switch it off on the phone page.
     */
    async ticket(token: string): Promise<{ branchId: string; ticketId: string; customerId: string | null; view: TicketView } | null> {
      const record = await tickets.byToken(token);
      if (!record) return null;
      const state = await store.load(record.branchId);
      const t = state?.tickets[record.ticketId];
      if (state && t) return { branchId: record.branchId, ticketId: t.id, customerId: t.customerId ?? null, view: await liveTicketView(state, t) };
      const origin = record.transfers ? await origins.of({ id: record.ticketId, transfers: record.transfers }) : null;
      const retired = state?.services[record.serviceId] ? undefined : (await directory.labels(record.branchId)).services[record.serviceId];
      return { branchId: record.branchId, ticketId: record.ticketId, customerId: record.customerId ?? null, view: fromRecord(state, record, origin, retired) };
    },
  };
}

export type Views = ReturnType<typeof createViews>;
