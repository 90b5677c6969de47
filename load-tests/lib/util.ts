import http, { type RefinedResponse, type ResponseType } from 'k6/http';

/** "90s", "2m", "1h", "1m30s" -> milliseconds (the subset of k6 durations we accept). */
export function durationMs(d: string): number {
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let m: RegExpExecArray | null;
  let matched = '';
  while ((m = re.exec(d)) !== null) {
    matched += m[0];
    const n = Number(m[1]);
    ms += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
  }
  if (matched !== d) throw new Error(`not a duration: ${d}`);
  return ms;
}

export function json<T>(res: RefinedResponse<ResponseType | undefined>): T | null {
  try {
    return JSON.parse(String(res.body)) as T;
  } catch {
    return null;
  }
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

/** Issues a walk-in ticket as the branch's kiosk; returns the response. */
export function issueTicket(baseUrl: string, branchId: string, kioskToken: string, serviceId: string, tags: Record<string, string> = {}) {
  return http.post(`${baseUrl}/api/v1/branches/${branchId}/tickets`, JSON.stringify({ serviceId, lang: 'zh' }), {
    headers: { ...JSON_HEADERS, authorization: `Bearer ${kioskToken}` },
    tags: { name: 'issue ticket', ...tags },
  });
}

export interface BranchInfo {
  services: { id: string; code: string }[];
  counters: { id: string; label: string }[];
}

export function branchInfo(baseUrl: string, branchId: string): BranchInfo {
  const res = http.get(`${baseUrl}/api/v1/branches/${branchId}`, { tags: { name: 'branch info' } });
  const body = json<{ data: BranchInfo }>(res);
  if (res.status !== 200 || !body) throw new Error(`GET /branches/${branchId}: ${res.status} ${String(res.body)}`);
  return body.data;
}
