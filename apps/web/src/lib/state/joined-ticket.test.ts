import { describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@tellerline/contracts';
import { handedOver, handOver, joinedTicket, parseJoined } from './joined-ticket.js';

const service = { id: 'svcA', code: 'A', name: { zh: '个人业务', en: 'Personal banking' } };
const issued = { token: 'tok_abcdefghijklmnop', ticketId: 't1', view: { number: 'A012', service, status: 'waiting', ahead: 3 } as unknown as TicketView } as IssuedTicket;

/** sessionStorage as a Map (the unit tests run without a browser). */
function memory(): Storage {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) } as unknown as Storage;
}

describe('the ticket a join hands to its ticket page', () => {
  it('keeps the number and the service under the token, and nothing else', () => {
    const store = memory();
    handOver(issued, store);
    expect(handedOver('tok_abcdefghijklmnop', store)).toEqual({ number: 'A012', service });
    expect(store.getItem('tellerline.joined.tok_abcdefghijklmnop')).not.toContain('ahead');
    // Another ticket's page finds nothing.
    expect(handedOver('tok_other_ticket_000', store)).toBeNull();
  });

  it('hands nothing over from an answer without a number, and never throws when storage refuses', () => {
    const store = memory();
    handOver({ ...issued, view: {} as TicketView }, store);
    expect(handedOver(issued.token, store)).toBeNull();
    expect(joinedTicket({ view: {} as TicketView })).toBeNull();
    const full = { setItem: () => { throw new Error('QuotaExceededError'); }, getItem: () => { throw new Error('SecurityError'); } };
    expect(() => handOver(issued, full)).not.toThrow();
    expect(handedOver(issued.token, full)).toBeNull();
    expect(() => handOver(issued, undefined)).not.toThrow();
  });

  it('reads back only what it wrote: anything else stored there is ignored', () => {
    expect(parseJoined(null)).toBeNull();
    expect(parseJoined('not json')).toBeNull();
    expect(parseJoined('{"number":12}')).toBeNull();
    expect(parseJoined(JSON.stringify({ number: 'A012', service: { id: 's', code: 'A', name: { zh: '个人' } } }))).toBeNull();
    expect(parseJoined(JSON.stringify({ number: 'A012', service }))).toEqual({ number: 'A012', service });
  });
});
