import { describe, expect, it } from 'vitest';
import type { DomainError } from '../src/index.js';
import { apply, CROSS_SKILL_DISCOUNT, keepFreeFor, keepsSlot, leftToColleagues, ownServices, pickNext, rankCandidates, URGENCY_FLOOR } from '../src/index.js';
import { testConfig } from './fixtures.js';
import { MIN, Sim } from './fixtures.js';

function ready(): Sim {
  const sim = new Sim();
  sim.signOn('s1', 'c1').signOn('s2', 'c2').signOn('s3', 'c3');
  return sim;
}

const ids = (sim: Sim, staffId: string) => rankCandidates(sim.state, staffId, sim.now).map((c) => c.ticket.id);

describe('rankCandidates / pickNext', () => {
  it('serves the same service first come, first served', () => {
    const sim = ready();
    sim.issue('t1');
    sim.advance(1);
    sim.issue('t2');
    sim.advance(1);
    sim.issue('t3');
    expect(ids(sim, 's1')).toEqual(['t1', 't2', 't3']);
    expect(pickNext(sim.state, 's1', sim.now)?.ticket.id).toBe('t1');
  });

  it('breaks exact ties by issue order, not by ticket id', () => {
    const sim = ready();
    sim.issue('tb');
    sim.issue('ta');
    expect(ids(sim, 's1')).toEqual(['tb', 'ta']);
  });

  it('lets a specialist take their own queue first when both are fresh', () => {
    const sim = ready();
    sim.issue('a1');
    sim.issue('b1', 'loans');
    const [best, other] = rankCandidates(sim.state, 's2', sim.now);
    expect(best?.ticket.id).toBe('b1');
    expect(best?.score).toBeCloseTo(URGENCY_FLOOR * 1);
    // A ticket outside their own queue also counts CROSS_SKILL_DISCOUNT times less.
    expect(other?.score).toBeCloseTo((URGENCY_FLOOR * 0.5) / CROSS_SKILL_DISCOUNT);
  });

  it('keeps a specialist on their own queue until another is CROSS_SKILL_DISCOUNT times as urgent', () => {
    const sim = ready();
    sim.issue('a1');
    sim.advance(10);
    sim.issue('b1', 'loans');
    sim.advance(5);
    // a1: (15/10 + 0.1) x 0.5 / 4 = 0.2 loses to s2's own queue, b1: (5/20 + 0.1) x 1 = 0.35,
    // though plain c-mu (x 0.5 only: 0.8) would have sent s2 to a1.
    expect(pickNext(sim.state, 's2', sim.now)?.ticket.id).toBe('b1');
    sim.do({ type: 'call-ticket', staffId: 's3', ticketId: 'b1', reason: 'test' });
    sim.advance(20);
    sim.issue('b2', 'loans');
    // a1, 3.5 targets late: weight 0.5 + 0.25 x 2.5 (target-risk.ts) + 0.1 = 1.225, x 0.5 / 4 =
    // 0.153 beats b2, who has just come: 0.1 x 1.
    const best = pickNext(sim.state, 's2', sim.now);
    expect(best?.ticket.id).toBe('a1');
    expect(best?.reason).toEqual({
      text: 'waited 35 min, target 10; your skill: A 0.5',
      waitedMin: 35,
      targetMin: 10,
      proficiency: 0.5,
      score: 0.153,
      rule: 'urgency',
    });
  });

  it('serves the line where someone is about to miss their target before a line already late', () => {
    const sim = new Sim(testConfig({ staff: [{ id: 's4', skills: { acct: 1, loans: 1 } }] }));
    sim.signOn('s4', 'c1');
    sim.issue('b1', 'loans');
    sim.advance(3);
    sim.issue('a1');
    sim.advance(15);
    // a1: 15 min of a 10-min target, already late: weighed 0.5 + 0.25 x 0.5 + 0.1 = 0.725.
    // b1: 18 of 20 min, can still make it: 0.9 + 0.1 = 1.0. (By waited / target alone, a1's 1.6 won.)
    const best = pickNext(sim.state, 's4', sim.now);
    expect(best?.ticket.id).toBe('b1');
    expect(best?.score).toBeCloseTo(1.0);
    // Once b1 is called, a1 is next, and its weight keeps growing: nobody is left behind for good.
    sim.do({ type: 'call-next', staffId: 's4' });
    sim.do({ type: 'start', staffId: 's4', ticketId: 'b1' });
    sim.do({ type: 'complete', staffId: 's4', ticketId: 'b1' });
    sim.issue('b2', 'loans');
    expect(pickNext(sim.state, 's4', sim.now)?.ticket.id).toBe('a1');
  });

  it('calls a line in order: the head carries the weight of someone behind it who is close to the target', () => {
    const sim = new Sim(testConfig({ staff: [{ id: 's4', skills: { acct: 1, loans: 1 } }] }));
    sim.signOn('s4', 'c1');
    sim.issue('a1');
    sim.advance(16);
    sim.issue('a2');
    sim.advance(2);
    sim.issue('b1', 'loans');
    sim.advance(7);
    // a1: 2.5 targets, 0.5 + 0.25 x 1.5 + 0.1 = 0.975; a2: 9 of 10 min, 1.0; b1: 7 of 20 min, 0.45.
    // a2 would beat a1, but a line is called first come, first served: a1 goes first with a2's weight.
    expect(ids(sim, 's4')).toEqual(['a1', 'a2', 'b1']);
    const best = pickNext(sim.state, 's4', sim.now);
    expect(best?.ticket.id).toBe('a1');
    expect(best?.score).toBeCloseTo(1.0);
    const a2 = sim.state.tickets['a2']!.number;
    expect(best?.reason.text).toBe(`waited 25 min, target 10; your skill: A 1.0; ${a2} behind is close to the 10-min target`);
    expect(best?.reason.behindNumber).toBe(a2);
    // Without anyone close to the target behind it, the head is called for itself.
    expect(rankCandidates(sim.state, 's4', sim.now).find((c) => c.ticket.id === 'b1')?.reason.behindNumber).toBeUndefined();
  });

  it('boosts priority classes', () => {
    const sim = ready();
    sim.issue('n1');
    sim.advance(8);
    sim.issue('v1', 'acct', { priority: 'vip' });
    const best = pickNext(sim.state, 's1', sim.now);
    expect(best?.ticket.id).toBe('v1'); // 0 + 1 + 0.1 > 0.8 + 0.1
    expect(best?.reason.rule).toBe('priority');
    expect(best?.reason.text).toBe('waited 0 min, target 10, VIP customer; your skill: A 1.0');
  });

  it('serves an appointment that checked in on time near its slot', () => {
    const sim = ready();
    const slot = sim.now + 60 * MIN;
    sim.issue('w0');
    sim.advance(50);
    sim.issue('w1');
    sim.advance(4);
    sim.issue('ap', 'acct', { kind: 'appointment', appointmentAt: slot });
    sim.advance(1);
    // Slot in 5 min: the appointment term ramps 0 -> 4 over the 30-min early window: 4 x (1 - 5/30)
    // = 3.33, above w1 (5/10 = 0.5) and above w0, who has waited 55 min: 5.5 targets, which
    // routing weighs 0.5 + 0.25 x 4.5 = 1.625 (target-risk.ts).
    let ranked = rankCandidates(sim.state, 's1', sim.now);
    expect(ranked.map((c) => c.ticket.id)).toEqual(['ap', 'w0', 'w1']);
    expect(ranked[0]?.reason.text).toBe('waited 1 min, target 10, appointment in 5 min; your skill: A 1.0');
    expect(ranked[0]?.reason.slotInMin).toBe(5);
    sim.advance(7);
    // Slot + 2: 4 + 8 x 2/10 = 5.6; w0 (6.2 targets: 1.8) still heads the walk-in line before w1.
    ranked = rankCandidates(sim.state, 's1', sim.now);
    expect(ranked.map((c) => c.ticket.id)).toEqual(['ap', 'w0', 'w1']);
    expect(ranked[0]?.reason.rule).toBe('appointment');
    expect(ranked[0]?.reason.text).toBe('waited 8 min, target 10, appointment 2 min ago; your skill: A 1.0');
  });

  it('treats an appointment that checked in too late as a walk-in', () => {
    const sim = ready();
    const slot = sim.now;
    sim.advance(11); // appointmentLateMin is 10
    sim.issue('w1');
    sim.advance(1);
    sim.issue('ap', 'acct', { kind: 'appointment', appointmentAt: slot });
    expect(keepsSlot(sim.state.tickets['ap']!, sim.state.routing)).toBe(false);
    expect(ids(sim, 's1')).toEqual(['w1', 'ap']);
  });

  it('leaves out tickets the staff cannot serve or that are reserved for another counter', () => {
    const sim = ready();
    sim.issue('b1', 'loans');
    sim.issue('b2', 'loans');
    sim.callNext('s3');
    sim.do({ type: 'transfer', staffId: 's3', ticketId: 'b1', toCounterId: 'c2' });
    expect(ids(sim, 's1')).toEqual([]);
    expect(ids(sim, 's3')).toEqual(['b2']);
    expect(ids(sim, 's2')).toEqual(['b1', 'b2']);
    expect(rankCandidates(sim.state, 'nobody', sim.now)).toEqual([]);
    expect(pickNext(sim.state, 'nobody', sim.now)).toBeUndefined();
  });

  it('pickNext agrees with the head of rankCandidates', () => {
    const sim = ready();
    const kinds = ['walk-in', 'remote', 'appointment'] as const;
    for (let i = 0; i < 40; i++) {
      sim.issue(`t${i}`, i % 3 === 0 ? 'loans' : 'acct', {
        kind: kinds[i % 3]!,
        priority: i % 7 === 0 ? 'priority' : 'normal',
        appointmentAt: sim.now + ((i * 7) % 40) * MIN,
      });
      sim.advance(i % 4);
    }
    for (const s of ['s1', 's2', 's3']) {
      expect(pickNext(sim.state, s, sim.now)?.ticket.id).toBe(ids(sim, s)[0]);
    }
  });

  describe('leaving a ticket to a free colleague who is faster at it', () => {
    it('leaves a fresh ticket to the free specialist, and takes it when they are busy', () => {
      const sim = ready();
      sim.issue('a1');
      // s1 (accounts 1.0) is free and would call a1; s2 (0.5) leaves it to them.
      expect([...leftToColleagues(sim.state, 's2', sim.now)]).toEqual(['a1']);
      expect(pickNext(sim.state, 's2', sim.now)).toBeUndefined();
      expect(keepFreeFor(sim.state, 's2', sim.now)).toBeUndefined();
      expect(sim.refused({ type: 'call-next', staffId: 's2' })).toBe('LEFT_TO_COLLEAGUE');
      // The panel words it from the details: which ticket, which service.
      const err = (() => {
        try {
          apply(sim.state, { type: 'call-next', staffId: 's2' }, sim.now);
        } catch (e) {
          return e as DomainError;
        }
      })();
      expect(err?.details).toEqual({ ticketNumber: sim.state.tickets.a1!.number, serviceCode: sim.state.services[sim.state.tickets.a1!.serviceId]!.code });
      expect(sim.callNext('s1')).toBe('a1');
      sim.issue('a2');
      // s1 now serves a1: nobody faster is free, so s2 helps.
      expect(pickNext(sim.state, 's2', sim.now)?.ticket.id).toBe('a2');
    });

    it('says so when it passes over a better-scored ticket for that reason', () => {
      const sim = ready();
      sim.issue('a1');
      sim.advance(9);
      sim.issue('b1', 'loans');
      // For s2, a1 (0.9 + 0.1) x 0.5 / 4 = 0.125 outranks their own fresh b1 (0.1), but s1 is free
      // and faster at accounts (s3 is free too, but no faster at loans than s2).
      expect(rankCandidates(sim.state, 's2', sim.now).map((c) => c.ticket.id)).toEqual(['a1', 'b1']);
      const best = pickNext(sim.state, 's2', sim.now);
      expect(best?.ticket.id).toBe('b1');
      expect(best?.reason.text).toBe('waited 0 min, target 20; your skill: B 1.0; A001 is left to a free colleague faster at A');
      expect(best?.reason.leftTo).toEqual({ number: 'A001', serviceCode: 'A' });
    });

    it('keeps first come, first served: the one behind a ticket left to a colleague waits too', () => {
      const sim = ready();
      sim.issue('a1');
      sim.advance(1);
      sim.issue('a2');
      expect(pickNext(sim.state, 's2', sim.now)).toBeUndefined();
      sim.callNext('s1');
      expect(pickNext(sim.state, 's2', sim.now)?.ticket.id).toBe('a2');
    });

    it('stops leaving it once it has waited its target (the colleague may be away from the desk)', () => {
      const sim = ready();
      sim.issue('a1');
      sim.advance(9);
      expect(pickNext(sim.state, 's2', sim.now)).toBeUndefined();
      sim.advance(1);
      const best = pickNext(sim.state, 's2', sim.now);
      expect(best?.ticket.id).toBe('a1');
      expect(leftToColleagues(sim.state, 's2', sim.now).size).toBe(0);
    });

    it('leaves nothing to a free colleague who is no faster, nor to one who is paused', () => {
      const sim = ready();
      sim.issue('b1', 'loans');
      sim.advance(1);
      sim.issue('a1');
      // s3 (loans 1.0) is free, but s2 is as good at loans; s1 is free and faster at accounts.
      expect([...leftToColleagues(sim.state, 's2', sim.now)]).toEqual(['a1']);
      expect(pickNext(sim.state, 's2', sim.now)?.ticket.id).toBe('b1');
      // With s1 paused, nobody faster at accounts is free.
      sim.do({ type: 'pause', staffId: 's1', reason: 'break' });
      expect(leftToColleagues(sim.state, 's2', sim.now).size).toBe(0);
    });
  });

  describe('own queues', () => {
    // Two accounts specialists; t is better at accounts (0.9) but the only one for foreign exchange (0.8).
    function branch(): Sim {
      const sim = new Sim(
        testConfig({
          services: [
            { id: 'acct', code: 'A', name: { zh: 'A', en: 'accounts' }, targetMin: 10, defaultDurationMin: 5 },
            { id: 'fx', code: 'C', name: { zh: 'C', en: 'foreign exchange' }, targetMin: 10, defaultDurationMin: 5 },
          ],
          staff: [
            { id: 'a1', skills: { acct: 1 } },
            { id: 'a2', skills: { acct: 1 } },
            { id: 't', skills: { acct: 0.9, fx: 0.8 } },
          ],
        }),
      );
      return sim.signOn('a1', 'c1').signOn('a2', 'c2').signOn('t', 'c3');
    }

    it('counts the queue that leans on a staff member most as theirs, besides their best skill', () => {
      const sim = branch();
      const t = sim.state.staff['t']!;
      // fx: 0.8 of 0.8 on duty; accounts: 0.9 of 2.9.
      expect([...ownServices(sim.state, t)].sort()).toEqual(['acct', 'fx']);
      sim.issue('x1', 'fx');
      expect(rankCandidates(sim.state, 't', sim.now)[0]?.score).toBeCloseTo(URGENCY_FLOOR * 0.8);
      expect([...ownServices(sim.state, sim.state.staff['a1']!)]).toEqual(['acct']);
    });

    it('discounts a service the staff member merely helps with', () => {
      const sim = ready();
      // s2: loans 1.0 (own), accounts 0.5 next to s1's 1.0 (helping).
      expect([...ownServices(sim.state, sim.state.staff['s2']!)]).toEqual(['loans']);
    });
  });
});
