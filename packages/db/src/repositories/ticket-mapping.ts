import type { PriorityClass, TicketKind, TicketStatus } from '@tellerline/engine';
import type { Ticket as TicketRow } from '../generated/prisma/client.js';
import type { TicketRecord } from '../types.js';

export function toTicketRecord(row: TicketRow): TicketRecord {
  return {
    id: row.id,
    branchId: row.branchId,
    token: row.token,
    number: row.number,
    serviceId: row.serviceId,
    kind: row.kind as TicketKind,
    priority: row.priority as PriorityClass,
    status: row.status as TicketStatus,
    joinedAt: row.joinedAt.getTime(),
    issuedAt: row.issuedAt.getTime(),
    appointmentAt: ms(row.appointmentAt),
    calledAt: ms(row.calledAt),
    servedAt: ms(row.servedAt),
    doneAt: ms(row.doneAt),
    counterId: row.counterId,
    staffId: row.staffId,
    customerId: row.customerId,
    recalls: row.recalls,
    transfers: row.transfers,
    day: row.day,
  };
}

export function ms(d: Date | null): number | null {
  return d ? d.getTime() : null;
}
