import { describe, expect, it } from 'vitest';
import type { KpiHourCell } from '@tellerline/contracts';
import { dictionaries } from '$lib/i18n/messages/index.js';
import { translate } from '$lib/i18n/translate.js';
import { formatPerDay, heatLevel, hourGrid, hourSpan } from './report-hours.js';

const cell = (weekday: number, hour: number, meanMin: number | null, issued = 2, days = 1): KpiHourCell => ({
  weekday,
  hour,
  days,
  issued,
  perDay: days > 0 ? issued / days : null,
  wait: { called: meanMin === null ? 0 : issued, meanMin, p90Min: meanMin, withinTarget: 0, withinTargetShare: meanMin === null ? null : 0 },
  staffOnDuty: days > 0 ? 1 : null,
});

describe('the week hour by hour', () => {
  it('lays hours out as rows (quiet hours between included) and the weekdays with arrivals as columns, Monday first', () => {
    const g = hourGrid([cell(6, 14, 3), cell(1, 9, 12), cell(1, 11, null)]);
    expect(g.weekdays).toEqual([1, 6]);
    expect(g.rows.map((r) => r.hour)).toEqual([9, 10, 11, 12, 13, 14]);
    expect(g.rows[0]!.cells.map((c) => c?.wait.meanMin ?? 'none')).toEqual([12, 'none']);
    expect(g.rows[1]!.cells).toEqual([null, null]);
    expect(g.rows[5]!.cells.map((c) => c?.weekday ?? null)).toEqual([null, 6]);
    expect(g.maxMeanMin).toBe(12);
    expect(hourGrid([])).toEqual({ weekdays: [], rows: [], maxMeanMin: null });
  });

  it('shades by mean wait against the longest of the period, and leaves a cell nobody was called in unshaded', () => {
    expect([0, 2.3, 2.5, 6, 11.9, 12].map((m) => heatLevel(m, 12))).toEqual([0, 0, 1, 2, 4, 4]);
    expect(heatLevel(null, 12)).toBeNull();
    expect(heatLevel(0, 0)).toBe(0);
  });

  it('names hours and arrivals per day as people read them', () => {
    expect([hourSpan(9), hourSpan(0), hourSpan(23)]).toEqual(['09:00–10:00', '00:00–01:00', '23:00–24:00']);
    expect([formatPerDay(2), formatPerDay(5 / 3), formatPerDay(0.25), formatPerDay(null)]).toEqual(['2', '1.7', '0.3', '—']);
  });

  it('has its words in both languages', () => {
    const keys = (lang: 'zh' | 'en') => Object.keys(dictionaries[lang]).filter((k) => k.startsWith('reports.hours.'));
    expect(keys('zh').sort()).toEqual(keys('en').sort());
    expect(translate('zh', 'reports.hours.weekday.7')).toBe('周日');
    expect(translate('en', 'reports.hours.weekday.1')).toBe('Mon');
    expect(translate('en', 'reports.hours.cellSr', { wait: '12', p90: '18', perDay: '2', staff: '1.5', within: '50%' })).toBe('mean wait 12 min, 90% within 18 min, 2 tickets a day, 1.5 staff on duty, 50% called within target');
  });
});
