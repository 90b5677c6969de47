import { describe, expect, it } from 'vitest';
import { BookAppointmentBody, HistoryConsentBody, neededOnly } from '../src/index.js';

describe('HistoryConsentBody', () => {
  const ok = (body: unknown) => HistoryConsentBody.safeParse(body).success;

  it('gives the consent with any of the four needs, or withdraws it', () => {
    expect(ok({ keep: true })).toBe(true);
    expect(ok({ keep: true, preferences: { stepFree: true, hearing: false, reading: true, interpreter: true } })).toBe(true);
    expect(ok({ keep: false })).toBe(true);
  });

  it('refuses needs that are not on the list, values that are not booleans, and needs without the consent', () => {
    expect(ok({ keep: true, preferences: { wheelchair: true } })).toBe(false);
    expect(ok({ keep: true, preferences: { hearing: 'yes' } })).toBe(false);
    expect(ok({ keep: true, preferences: { hearing: 1 } })).toBe(false);
    expect(ok({ keep: 'true' })).toBe(false);
    expect(ok({ keep: false, preferences: { hearing: true } })).toBe(false);
    expect(ok({ keep: true, note: 'x' })).toBe(false);
  });

  it('is optional on a booking', () => {
    const base = { branchId: 'b1', serviceId: 's1', startsAt: Date.UTC(2030, 0, 1, 2), contact: { name: 'A', phone: '13800000000', language: 'zh', consent: true } };
    expect(BookAppointmentBody.safeParse(base).success).toBe(true);
    expect(BookAppointmentBody.safeParse({ ...base, history: { keep: true, preferences: { reading: true } } }).success).toBe(true);
    expect(BookAppointmentBody.safeParse({ ...base, history: { keep: true, preferences: { pets: true } } }).success).toBe(false);
  });
});

describe('neededOnly', () => {
  it('reads only ticked, known needs from the stored JSON', () => {
    expect(neededOnly({ hearing: true, reading: false, note: 'x', stepFree: 'yes' })).toEqual({ hearing: true });
    expect(neededOnly(null)).toEqual({});
    expect(neededOnly([])).toEqual({});
  });
});
