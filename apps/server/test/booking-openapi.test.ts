/** The booking routes' OpenAPI description: the refusals a client must handle are documented. */
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../src/http/openapi.js';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>> };

describe('booking OpenAPI', () => {
  const doc = buildOpenApi() as Doc;
  const responses = (method: string, path: string) => doc.paths[path]![method]!.responses;

  it('documents 401 and 403 on the manager and staff routes', () => {
    for (const [method, path] of [
      ['get', '/api/v1/branches/{branchId}/booking/settings'],
      ['put', '/api/v1/branches/{branchId}/booking/settings'],
      ['get', '/api/v1/branches/{branchId}/booking/punctuality'],
      ['get', '/api/v1/branches/{branchId}/simulation/scenario'],
      ['get', '/api/v1/branches/{branchId}/appointments'],
    ] as const) {
      const r = responses(method, path);
      expect(r['401']?.description, `${method} ${path}`).toMatch(/UNAUTHENTICATED/);
      expect(r['403']?.description, `${method} ${path}`).toMatch(/FORBIDDEN/);
    }
  });

  it('documents the refusals of a booking rules save', () => {
    const r = responses('put', '/api/v1/branches/{branchId}/booking/settings');
    expect(r['409']?.description).toMatch(/CONFIG_CONFLICT/);
    expect(r['422']?.description).toMatch(/UNKNOWN_SERVICE.*UNKNOWN_STAFF.*SERVICE_UNREACHABLE/);
    expect(r['503']?.description).toMatch(/BUSY_RETRY/);
    // The scenario keeps its own 422s alongside the new ones.
    expect(responses('get', '/api/v1/branches/{branchId}/simulation/scenario')['422']?.description).toMatch(/NO_HISTORY/);
  });
});
