import { describe, expect, it } from 'vitest';
import { displayState, orderForToday, type StaffAppointment } from './staff-appointments.js';

const row = (id: string, time: string, state: StaffAppointment['state'], ticket: StaffAppointment['ticket'] = null) => ({
  id,
  startsAt: Date.parse(`2026-03-02T${time}:00+08:00`),
  state,
  ticket,
});

describe('staff day list of appointments', () => {
  it('says "called" while the check-in ticket is at a counter', () => {
    expect(displayState(row('A', '09:00', 'checked-in', { id: 't', number: 'A001', status: 'waiting' }))).toBe('checked-in');
    expect(displayState(row('A', '09:00', 'checked-in', { id: 't', number: 'A001', status: 'called' }))).toBe('called');
    expect(displayState(row('A', '09:00', 'checked-in', { id: 't', number: 'A001', status: 'serving' }))).toBe('called');
    expect(displayState(row('A', '09:00', 'done', { id: 't', number: 'A001', status: 'done' }))).toBe('done');
    expect(displayState(row('A', '09:00', 'booked'))).toBe('booked');
  });

  it('lists the ones still to come first, by time, then the finished ones', () => {
    const list = [row('D', '09:00', 'done'), row('C', '11:00', 'booked'), row('B', '10:00', 'checked-in'), row('E', '08:30', 'no-show'), row('F', '09:30', 'cancelled'), row('A', '10:00', 'booked')];
    expect(orderForToday(list).map((a) => a.id)).toEqual(['A', 'B', 'C', 'E', 'D', 'F']);
  });
});
