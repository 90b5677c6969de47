import { describe, expect, it } from 'vitest';
import { dictionaries } from '../i18n/messages/index.js';
import { codeOf, errorKey } from './staff-errors.js';

const known = (key: string) => key in dictionaries.zh;

describe('error messages', () => {
  it('prefers the shared dictionary, then the panel’s own, then a generic sentence', () => {
    expect(errorKey('NO_TICKET_WAITING', known)).toBe('error.NO_TICKET_WAITING');
    expect(errorKey('UNKNOWN_COUNTER', known)).toBe('staff.error.UNKNOWN_COUNTER');
    expect(errorKey('SOMETHING_NEW', known)).toBe('error.generic');
  });

  it('has a sentence for every code a staff command can be refused with', () => {
    for (const code of ['NO_TICKET_WAITING', 'STAFF_BUSY', 'STAFF_PAUSED', 'COUNTER_TAKEN', 'NOT_SKILLED', 'TICKET_NOT_WAITING', 'TICKET_NOT_CALLED', 'TICKET_NOT_SERVING', 'TICKET_NOT_YOURS', 'UNKNOWN_TICKET', 'INVALID_TRANSFER', 'UNKNOWN_SERVICE', 'UNKNOWN_COUNTER', 'STAFF_NOT_SIGNED_ON', 'INVALID_CREDENTIALS', 'RATE_LIMITED']) {
      expect(errorKey(code, known), code).not.toBe('error.generic');
    }
  });

  it('reads the code from socket rejections and fetch failures alike', () => {
    expect(codeOf({ code: 'STAFF_BUSY', message: 'x' })).toBe('STAFF_BUSY');
    expect(codeOf(Object.assign(new Error('x'), { code: 'RATE_LIMITED' }))).toBe('RATE_LIMITED');
    expect(codeOf(new Error('boom'))).toBe('INTERNAL');
  });
});
