import { describe, expect, it } from 'vitest';
import type { KpiFigures, PilotComparison } from '@tellerline/contracts';
import { comparisonRows, periodMessage, signedChange, tooFew } from './pilot-comparison.js';

/** Figures with the compared values set; the rest as a quiet period has them. */
const figures = (issued: number, meanMin: number | null, withinShare: number | null, rating: number | null): KpiFigures => ({
  issued,
  served: issued,
  cancelled: 0,
  noShows: { called: 0, calledVisits: issued, calledShare: issued ? 0 : null, booked: 0, bookingsDue: 0, bookedShare: null },
  wait: { called: issued, meanMin, p90Min: meanMin === null ? null : meanMin * 2, withinTarget: 0, withinTargetShare: withinShare },
  serviceTime: { timed: issued, meanMin: meanMin === null ? null : 5 },
  transfers: { made: 0, waited: 0, waitMeanMin: null },
  satisfaction: { responses: rating === null ? 0 : 1, meanRating: rating, byRating: [0, 0, 0, 0, 0], responseRate: null },
  utilisation: { servingMin: 0, availableMin: 0, share: null },
  punctuality: { appointments: 0, onTime: 0, share: null },
});

const side = (fromDay: string, toDay: string, f: KpiFigures) => ({ fromDay, toDay, days: 20, figures: f });

describe('the before/after comparison of a pilot', () => {
  it('puts each figure before and after side by side with its change: minutes, percentage points, rating', () => {
    const c: PilotComparison = { start: '2026-10-01', days: 28, before: side('2026-09-01', '2026-09-30', figures(120, 12.5, 0.6, 4.2)), after: side('2026-10-01', '2026-10-28', figures(140, 8, 0.755, 4.2)) };
    const rows = Object.fromEntries(comparisonRows(c).map((r) => [r.key, [r.before, r.after, r.change]]));
    expect(rows.meanWait).toEqual(['12.5', '8', '−4.5']);
    expect(rows.p90Wait).toEqual(['25', '16', '−9']);
    expect(rows.withinTarget).toEqual(['60%', '76%', '+15.5']);
    expect(rows.serviceTime).toEqual(['5', '5', '0']);
    expect(rows.rating).toEqual(['4.2', '4.2', '0']);
    // Nobody booked on either side: nothing to compare, not a change of 0.
    expect(rows.noShowsBooked).toEqual(['—', '—', '—']);
    expect(Object.keys(rows)).toEqual(['meanWait', 'p90Wait', 'withinTarget', 'serviceTime', 'rating', 'noShowsCalled', 'noShowsBooked']);
  });

  it('shows dashes for a side without open days, and no change', () => {
    const rows = comparisonRows({ start: '2026-10-01', days: 7, before: null, after: side('2026-10-01', '2026-10-07', figures(40, 6, 0.9, null)) });
    expect(rows[0]).toMatchObject({ before: '—', after: '6', change: '—' });
  });

  it('says a side is too small to compare below 30 tickets, or with no day at all', () => {
    expect(tooFew(null)).toBe(true);
    expect(tooFew(side('2026-09-01', '2026-09-30', figures(29, 5, 1, null)))).toBe(true);
    expect(tooFew(side('2026-09-01', '2026-09-30', figures(30, 5, 1, null)))).toBe(false);
  });

  it('signs changes, rounding as the figures are shown', () => {
    expect(signedChange('min', 10, 10.04)).toBe('0');
    expect(signedChange('min', 10, 12.26)).toBe('+2.3');
    expect(signedChange('rating', 4.5, 3.9)).toBe('−0.6');
    expect(signedChange('share', 0.5, null)).toBe('—');
  });

  it('names a pilot period: since its start while it lasts, from and to once ended', () => {
    expect(periodMessage({ from: '2026-10-01', to: null })).toEqual({ key: 'reports.pilotPeriod.since', values: { from: '2026-10-01' } });
    expect(periodMessage({ from: '2026-10-01', to: '2026-10-20' })).toEqual({ key: 'reports.pilotPeriod.between', values: { from: '2026-10-01', to: '2026-10-20' } });
  });
});
