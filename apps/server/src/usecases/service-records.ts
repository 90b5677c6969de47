import type { MyServiceRecordView, SaveServiceRecordBody, ServiceRecordView, ServiceReportView, VisitEnd } from '@tellerline/contracts';
import { localDateOf, type BranchEvent, type PriorityClass, type Ticket, type TicketKind } from '@tellerline/engine';
import { AppError } from '../errors.js';
import type { BranchDirectory } from './ports.js';
import { heldWhenEnded, legServiceMs, legWaitMs, toMinutes, visitTimeline } from './service-report.js';

/** A stored record as the db package's repository returns it. */
export type StoredServiceRecord = ServiceRecordView & { branchId: string; createdAt: number };

/** A visit as the tickets projection keeps it (the db package's `TicketRecord` satisfies it). */
export interface StoredVisit {
  id: string;
  branchId: string;
  number: string;
  serviceId: string;
  kind: TicketKind;
  priority: PriorityClass;
  status: string;
  issuedAt: number;
  calledAt: number | null;
  servedAt: number | null;
  doneAt: number | null;
  counterId: string | null;
  staffId: string | null;
  recalls: number;
  transfers: number;
  day: string;
}

export interface ServiceRecordStore {
  upsert(record: { ticketId: string; branchId: string; staffId: string } & SaveServiceRecordBody): Promise<StoredServiceRecord>;
  listByTicket(ticketId: string): Promise<StoredServiceRecord[]>;
}

export interface VisitStore {
  findTicket(ticketId: string): Promise<StoredVisit | null>;
  ticketEvents(ticketId: string): Promise<BranchEvent[]>;
}

export interface ServiceRecordDeps {
  records: ServiceRecordStore;
  visits: VisitStore;
  directory: Pick<BranchDirectory, 'profile' | 'labels' | 'staffNames'>;
  /** The ticket in the branch's live state (waiting, called or serving), else null. */
  liveTicket(branchId: string, ticketId: string): Promise<Ticket | null>;
  now(): number;
}

const notYours = () =>
  // Its own code (403), not the engine's TICKET_NOT_YOURS (409, a refused command): this is about
  // who may write, not about the queue's state.
  new AppError('RECORD_NOT_YOURS', 'Only the staff member serving this customer, or who served them today, may write this record');

const view = (r: StoredServiceRecord): ServiceRecordView => ({ ticketId: r.ticketId, staffId: r.staffId, staffName: r.staffName, outcome: r.outcome, notes: r.notes, updatedAt: r.updatedAt });

/**
 * What staff write about a visit (notes, outcome) and the visit's service report. A record is
 * its writer's own: the staff member holding the customer now, or the one who completed the
 * visit, later the same business day (to amend what they wrote). A visit that ended while held
 * without that complete (the customer cancelled, or a no-show, while called) counts as completed
 * by whoever held it then: what they typed must still be savable.
 */
export function createServiceRecords(deps: ServiceRecordDeps) {
  /** Throws RECORD_NOT_YOURS unless the caller may write; else how the visit ended (null: still at the desk). */
  async function mayWrite(staffId: string, branchId: string, ticketId: string): Promise<VisitEnd | null> {
    const live = await deps.liveTicket(branchId, ticketId);
    if (live) {
      const held = live.status === 'called' || live.status === 'serving';
      if (!held || live.staffId !== staffId) throw notYours();
      return null;
    }
    const visit = await deps.visits.findTicket(ticketId);
    if (!visit || visit.branchId !== branchId) throw new AppError('UNKNOWN_TICKET', 'No such ticket in this branch');
    const profile = await deps.directory.profile(branchId);
    const today = profile ? localDateOf(deps.now(), profile.timezone) : null;
    if (visit.day !== today) throw notYours();
    if (visit.status === 'done') {
      if (visit.staffId !== staffId) throw notYours();
      return 'done';
    }
    // The live queue has let the ticket go, but the stored visit, projected a moment later, still
    // shows it at my desk: as far as the record can tell, the customer is still here (null). The
    // panel asks again until it learns how the visit ended; refusing here made it stop asking.
    if ((visit.status === 'called' || visit.status === 'serving') && visit.staffId === staffId) return null;
    if (visit.status !== 'cancelled' && visit.status !== 'no-show') throw notYours();
    // The projection forgets the desk when such a visit ends: its events say who held it.
    if (heldWhenEnded(await deps.visits.ticketEvents(ticketId)) !== staffId) throw notYours();
    return visit.status;
  }

  return {
    /** Saves the caller's own record (`staffId` from the session, never from the body). */
    async save(staffId: string | null, branchId: string, ticketId: string, body: SaveServiceRecordBody): Promise<ServiceRecordView> {
      if (!staffId) throw notYours();
      await mayWrite(staffId, branchId, ticketId);
      return view(await deps.records.upsert({ ticketId, branchId, staffId, ...body }));
    },

    /**
     * The caller's own record of the visit (null: none yet), under the same rule as saving, and
     * how the visit ended when it has: the rule has just worked that out, and the panel needs it
     * to say why a customer it held left (reading the report instead would audit a view nobody made).
     */
    async mine(staffId: string | null, branchId: string, ticketId: string): Promise<MyServiceRecordView> {
      if (!staffId) throw notYours();
      const ended = await mayWrite(staffId, branchId, ticketId);
      const own = (await deps.records.listByTicket(ticketId)).find((r) => r.staffId === staffId);
      return { record: own ? view(own) : null, visit: ended ? { status: ended } : null };
    },

    async report(branchId: string, ticketId: string): Promise<ServiceReportView> {
      const visit = await deps.visits.findTicket(ticketId);
      if (!visit || visit.branchId !== branchId) throw new AppError('UNKNOWN_TICKET', 'No such ticket in this branch');
      const [events, records, profile, labels, names] = await Promise.all([
        deps.visits.ticketEvents(ticketId),
        deps.records.listByTicket(ticketId),
        deps.directory.profile(branchId),
        // Inactive ones too: a visit to a service or at a counter since retired still names them.
        deps.directory.labels(branchId),
        deps.directory.staffNames(branchId),
      ]);
      const timeline = visitTimeline(events);
      const serviceOf = (id: string) => {
        const sv = labels.services[id];
        return { id, code: sv?.code ?? '', name: sv?.name ?? { zh: id, en: id } };
      };
      const counterLabel = (id: string | null | undefined) => (id ? (labels.counters[id] ?? null) : null);
      const staffName = (id: string | null | undefined) => (id ? (names[id] ?? null) : null);
      // Where each staff member held the visit: their latest leg (a transfer back is a new call);
      // their one record of the visit goes beside that leg.
      const lastLegOf = new Map(timeline.legs.flatMap((l, i) => (l.staffId ? [[l.staffId, i] as const] : [])));
      const recordView = (r: StoredServiceRecord) => {
        const leg = r.staffId ? timeline.legs[lastLegOf.get(r.staffId) ?? -1] : undefined;
        return { ...view(r), counterLabel: counterLabel(leg?.counterId) };
      };
      const lastCalled = [...timeline.legs].reverse().find((l) => l.staffId !== null);
      return {
        ticketId: visit.id,
        branchId,
        branchName: profile?.name ?? { zh: '', en: '' },
        timezone: profile?.timezone ?? 'UTC',
        issuedNumber: timeline.issuedNumber ?? visit.number,
        number: visit.number,
        service: serviceOf(visit.serviceId),
        kind: visit.kind,
        priority: visit.priority,
        status: visit.status,
        day: visit.day,
        issuedAt: visit.issuedAt,
        calledAt: timeline.firstCalledAt ?? visit.calledAt,
        servedAt: timeline.firstServedAt ?? visit.servedAt,
        doneAt: visit.doneAt,
        waitMin: toMinutes(timeline.waitMs),
        transferWaitMin: toMinutes(timeline.transferWaitMs),
        serviceMin: toMinutes(timeline.serviceMs),
        counterLabel: counterLabel(visit.counterId ?? lastCalled?.counterId),
        staffName: staffName(visit.staffId ?? lastCalled?.staffId),
        recalls: visit.recalls,
        transfers: visit.transfers,
        legs: timeline.legs.map((l, i) => {
          const own = l.staffId && lastLegOf.get(l.staffId) === i ? records.find((r) => r.staffId === l.staffId) : undefined;
          return {
            number: l.number,
            service: serviceOf(l.serviceId),
            staffId: l.staffId,
            staffName: staffName(l.staffId),
            counterLabel: counterLabel(l.counterId),
            waitingFrom: l.waitingFrom,
            calledAt: l.calledAt,
            startedAt: l.startedAt,
            endedAt: l.endedAt,
            end: l.end,
            waitMin: toMinutes(legWaitMs(l)),
            serviceMin: toMinutes(legServiceMs(l)),
            record: own ? recordView(own) : null,
          };
        }),
        records: records.map(recordView),
      };
    },
  };
}

export type ServiceRecords = ReturnType<typeof createServiceRecords>;
