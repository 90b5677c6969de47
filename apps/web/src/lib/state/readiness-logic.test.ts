import { describe, expect, it } from 'vitest';
import type { ReadinessItem } from '@tellerline/contracts';
import { byUrgency, canSeeReadiness, fixHref, fixKey } from './readiness-logic.js';

describe('readiness screen rules', () => {
  it('opens for managers and admins only', () => {
    expect([canSeeReadiness('manager'), canSeeReadiness('admin'), canSeeReadiness('staff'), canSeeReadiness(undefined)]).toEqual([true, true, false, false]);
  });

  it("links an admin to the fixing screen with the branch chosen, except the branches list; a manager's links carry nothing", () => {
    expect(fixHref('/staff/team', 'b 1', true)).toBe('/staff/team?branch=b%201');
    expect(fixHref('/staff/branches', 'b1', true)).toBe('/staff/branches');
    expect(fixHref('/staff/devices', 'b1', false)).toBe('/staff/devices');
    expect(fixKey('/staff/booking')).toBe('readiness.fix.booking');
  });

  it('lists missing items first, then warnings, keeping the order within each', () => {
    const item = (check: ReadinessItem['check'], status: ReadinessItem['status']): ReadinessItem => ({ check, status, text: { zh: '', en: '' }, fix: '/staff/setup' });
    const items = [item('opening-hours', 'ok'), item('address', 'warning'), item('services', 'missing'), item('kiosk', 'warning'), item('counters', 'missing')];
    expect(byUrgency(items).map((i) => i.check)).toEqual(['services', 'counters', 'address', 'kiosk', 'opening-hours']);
  });
});
