import { describe, expect, it } from 'vitest';
import { neededOnly as preferencesOf } from '@tellerline/contracts';
import { helpHref } from './help-logic.js';
import { bookedHref, confirmationOf, confirmationRefusal, historyChoice, neededList, noTicks, ticksOf } from './history-consent-logic.js';

describe('history consent logic', () => {
  it('sends nothing about the history when the box is unticked, whatever needs were ticked before', () => {
    expect(historyChoice(false, { ...noTicks(), hearing: true })).toBeUndefined();
  });

  it('sends the consent with the ticked needs only', () => {
    expect(historyChoice(true, noTicks())).toEqual({ keep: true, preferences: {} });
    expect(historyChoice(true, { stepFree: true, hearing: false, reading: true, interpreter: false })).toEqual({ keep: true, preferences: { stepFree: true, reading: true } });
  });

  it('reads stored needs into ticks and back, and lists them in a fixed order', () => {
    const ticks = ticksOf({ interpreter: true, stepFree: true });
    expect(ticks).toEqual({ stepFree: true, hearing: false, reading: false, interpreter: true });
    expect(preferencesOf(ticks)).toEqual({ stepFree: true, interpreter: true });
    expect(neededList({ interpreter: true, hearing: false, stepFree: true })).toEqual(['stepFree', 'interpreter']);
    expect(neededList(undefined)).toEqual([]);
    expect(ticksOf(null)).toEqual(noTicks());
  });

  it("links the help assistant by the branch's code, in the page's language", () => {
    expect(helpHref('demo', 'zh')).toBe('/help?branch=demo&lang=zh');
    expect(helpHref('a b&c', 'en')).toBe('/help?branch=a%20b%26c&lang=en');
  });
});

describe('after booking, and the confirmation link', () => {
  it('goes to the manage page, saying a link may come whenever the box was ticked (the answer does not tell)', () => {
    expect(bookedHref({ manageToken: 'AbC_-12345678901234' }, false, 'zh')).toBe('/a/AbC_-12345678901234?new=1&lang=zh');
    expect(bookedHref({ manageToken: 'AbC_-12345678901234' }, true, 'en')).toBe('/a/AbC_-12345678901234?new=1&consent=asked&lang=en');
    expect([confirmationOf('asked'), confirmationOf('sent'), confirmationOf('pending'), confirmationOf(null)]).toEqual(['asked', null, null, null]);
  });

  it("reads the server's refusals of a link as page states", () => {
    expect(confirmationRefusal('CONSENT_CONFIRMATION_USED')).toBe('used');
    expect(confirmationRefusal('CONSENT_CONFIRMATION_EXPIRED')).toBe('expired');
    expect(confirmationRefusal('CONSENT_CONFIRMATION_NOT_FOUND')).toBe('not-found');
    expect(confirmationRefusal('VALIDATION_FAILED')).toBe('not-found');
    expect(confirmationRefusal('BUSY_RETRY')).toBe('error');
    expect(confirmationRefusal(undefined)).toBe('error');
  });
});
