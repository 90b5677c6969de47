import { describe, expect, it } from 'vitest';
import type { TicketView } from '@tellerline/contracts';
import { phoneWaitWording, sameEstimate, waitWording } from './phone-wait.js';

const MIN = 60_000;
const waiting = (ahead: number, lowMin: number, highMin: number) => ({ ahead, noStaff: false, wait: { lowMin, highMin, expectedMin: (lowMin + highMin) / 2 } });

describe('waitWording', () => {
  it('words a fresh estimate as the kiosk does', () => {
    expect(waitWording(waiting(1, 1.5, 3.8), 0)).toEqual({ key: 'wait.range', params: { low: 2, high: 4 } });
    expect(waitWording(waiting(0, 0, 0), 0)).toEqual({ key: 'wait.none' });
    expect(waitWording({ ahead: 0, noStaff: false, wait: null }, 0)).toEqual({ key: 'wait.none' });
  });

  it('says nobody on duty can serve it before any countdown: never "any moment now" with nobody there', () => {
    expect(waitWording({ ahead: 2, noStaff: true, wait: null }, 0)).toEqual({ key: 'wait.noStaff' });
    expect(waitWording({ ...waiting(2, 1, 3), noStaff: true }, 60 * MIN)).toEqual({ key: 'wait.noStaff' });
  });

  it('counts down while nothing changes, then says "any moment now" instead of "0–1 min" for ever', () => {
    expect(waitWording(waiting(1, 1.5, 3.8), 2 * MIN)).toEqual({ key: 'wait.range', params: { low: 0, high: 2 } });
    expect(waitWording(waiting(1, 1.5, 3.8), 3.5 * MIN)).toEqual({ key: 'wait.range', params: { low: 0, high: 1 } });
    expect(waitWording(waiting(1, 1.5, 3.8), 3.8 * MIN)).toEqual({ key: 'phone.wait.soon' });
    expect(waitWording(waiting(1, 1.5, 3.8), 60 * MIN)).toEqual({ key: 'phone.wait.soon' });
  });

  it('people ahead and a zero estimate (free staff about to call them): any moment now, never "No wait"', () => {
    expect(waitWording(waiting(2, 0, 0), 0)).toEqual({ key: 'phone.wait.soon' });
  });

  it('an estimate with nobody ahead but a busy counter still counts down', () => {
    expect(waitWording(waiting(0, 1.5, 3.8), 0)).toEqual({ key: 'wait.range', params: { low: 2, high: 4 } });
    expect(waitWording(waiting(0, 1.5, 3.8), 4 * MIN)).toEqual({ key: 'phone.wait.soon' });
  });
});

describe('sameEstimate', () => {
  const view = (over: Partial<TicketView>): TicketView =>
    ({ seq: 1, status: 'waiting', ahead: 1, wait: { lowMin: 1, highMin: 3, expectedMin: 2 }, ...over }) as TicketView;
  it('is the same when the branch moved on but this ticket’s place and range did not', () => {
    expect(sameEstimate(view({}), view({ seq: 9 }))).toBe(true);
  });
  it('differs with a new range, a new place, a new status, or nothing before', () => {
    expect(sameEstimate(view({}), view({ wait: { lowMin: 1, highMin: 4, expectedMin: 2 } }))).toBe(false);
    expect(sameEstimate(view({}), view({ ahead: 0 }))).toBe(false);
    expect(sameEstimate(view({}), view({ status: 'called', wait: null }))).toBe(false);
    expect(sameEstimate(null, view({}))).toBe(false);
  });
});

describe('phoneWaitWording', () => {
  const slot = Date.parse('2026-11-30T10:30:00Z');
  const time = () => '18:30';
  const booked = (lowMin: number, highMin: number) => ({ ...waiting(6, lowMin, highMin), appointmentAt: slot });

  it('words a booked customer\'s wait against the slot, as it counts down', () => {
    const at1800 = slot - 30 * MIN;
    expect(phoneWaitWording(booked(7, 17), 0, at1800, time)).toEqual({ key: 'wait.beforeSlot', params: { low: 7, high: 17, time: '18:30' } });
    expect(phoneWaitWording(booked(20, 45), 0, at1800, time)).toEqual({ key: 'wait.untilSlot', params: { low: 20, time: '18:30' } });
    // Five minutes on, the estimate has counted down and so has the slot.
    expect(phoneWaitWording(booked(20, 45), 5 * MIN, at1800 + 5 * MIN, time)).toEqual({ key: 'wait.untilSlot', params: { low: 15, time: '18:30' } });
    expect(phoneWaitWording(booked(35, 60), 0, at1800, time)).toEqual({ key: 'wait.atSlot', params: { time: '18:30' } });
  });

  it('as before for anyone else, and once the slot has come', () => {
    expect(phoneWaitWording({ ...waiting(6, 7, 17), appointmentAt: null }, 0, slot - 30 * MIN, time)).toEqual({ key: 'wait.range', params: { low: 7, high: 17 } });
    expect(phoneWaitWording(waiting(6, 7, 17), 0, slot - 30 * MIN, time)).toEqual({ key: 'wait.range', params: { low: 7, high: 17 } });
    expect(phoneWaitWording(booked(7, 17), 0, slot + MIN, time)).toEqual({ key: 'wait.range', params: { low: 7, high: 17 } });
    expect(phoneWaitWording({ ...booked(7, 17), noStaff: true }, 0, slot - 30 * MIN, time)).toEqual({ key: 'wait.noStaff' });
  });
});
