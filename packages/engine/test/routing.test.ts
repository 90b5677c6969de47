import { describe, expect, it } from 'vitest';
import { keepsSlot, pickNext, rankCandidates, URGENCY_FLOOR } from '../src/index.js';
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

  it('breaks exact ties by join time, then ticket id', () => {
    const sim = ready();
    sim.issue('tb');
    sim.issue('ta');
    expect(ids(sim, 's1')).toEqual(['ta', 'tb']);
  });

  it('lets a specialist take their own queue first when both are fresh', () => {
    const sim = ready();
    sim.issue('a1');
    sim.issue('b1', 'loans');
    const [best, other] = rankCandidates(sim.state, 's2', sim.now);
    expect(best?.ticket.id).toBe('b1');
    expect(best?.score).toBeCloseTo(URGENCY_FLOOR * 1);
    expect(other?.score).toBeCloseTo(URGENCY_FLOOR * 0.5);
  });

  it('makes a specialist help another queue that is over target', () => {
    const sim = ready();
    sim.issue('a1');
    sim.advance(10);
    sim.issue('b1', 'loans');
    sim.advance(5);
    // a1: (15/10 + 0.1) x 0.5 = 0.8 beats b1: (5/20 + 0.1) x 1 = 0.35
    const best = pickNext(sim.state, 's2', sim.now);
    expect(best?.ticket.id).toBe('a1');
    expect(best?.reason).toEqual({
      text: 'waited 15 min, target 10; your skill: A 0.5',
      waitedMin: 15,
      targetMin: 10,
      proficiency: 0.5,
      score: 0.8,
      rule: 'urgency',
    });
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
    const slot = sim.now + 30 * MIN;
    sim.issue('w0');
    sim.advance(20);
    sim.issue('w1');
    sim.advance(4);
    sim.issue('ap', 'acct', { kind: 'appointment', appointmentAt: slot });
    sim.advance(1);
    // Slot in 5 min: the appointment term ramps 0 -> 1 over the 30-min early window: 1 - 5/30 = 0.83,
    // above w1 (5/10 = 0.5) but below w0, who has waited 25 min (2.5).
    let ranked = rankCandidates(sim.state, 's1', sim.now);
    expect(ranked.map((c) => c.ticket.id)).toEqual(['w0', 'ap', 'w1']);
    expect(ranked[1]?.reason.text).toBe('waited 1 min, target 10, appointment in 5 min; your skill: A 1.0');
    sim.advance(7);
    // Slot + 2: 1 + 2 x 2/10 = 1.4 beats w1's 12/10 = 1.2.
    ranked = rankCandidates(sim.state, 's1', sim.now);
    expect(ranked.map((c) => c.ticket.id)).toEqual(['w0', 'ap', 'w1']);
    expect(ranked[1]?.reason.rule).toBe('appointment');
    expect(ranked[1]?.reason.text).toBe('waited 8 min, target 10, appointment 2 min ago; your skill: A 1.0');
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
});
