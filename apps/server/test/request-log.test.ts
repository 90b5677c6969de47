/**
 * The request log never holds a customer's token: the ticket page and manage links are the only
 * key to a ticket or a booking, and logs are read by operators who must not be able to use them.
 */
import { describe, expect, it } from 'vitest';
import { redactPath } from '../src/http/middleware/request-id.js';

describe('request log paths', () => {
  it("cuts customers' tokens and keeps every other path as it is", () => {
    const token = 'kQ2v9xJd0T7hPzL1mN8bR4sW6yC3fA5e';
    expect(redactPath(`/api/v1/appointments/${token}`)).toBe('/api/v1/appointments/kQ2v…');
    expect(redactPath(`/api/v1/appointments/${token}/reschedule`)).toBe('/api/v1/appointments/kQ2v…/reschedule');
    expect(redactPath(`/api/v1/tickets/${token}/notify`)).toBe('/api/v1/tickets/kQ2v…/notify');
    expect(redactPath(`/api/v1/tickets/${token}/manifest.webmanifest`)).toBe('/api/v1/tickets/kQ2v…/manifest.webmanifest');
    expect(redactPath(`/t/${token}`)).toBe('/t/kQ2v…');
    expect(redactPath(`/a/${token}`)).toBe('/a/kQ2v…');
    for (const path of ['/api/v1/branches/b1/queue', '/api/v1/branches/b1/tickets/t1/profile', '/staff', '/healthz']) expect(redactPath(path)).toBe(path);
  });
});
