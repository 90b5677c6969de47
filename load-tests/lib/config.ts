/** Settings from the environment (`k6 run -e NAME=value ...` or the container's environment). */

function str(name: string, fallback?: string): string {
  const v = __ENV[name] ?? fallback;
  if (v === undefined || v === '') throw new Error(`set ${name} (k6 run -e ${name}=...)`);
  return v;
}

function num(name: string, fallback: number): number {
  const v = __ENV[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got ${v}`);
  return n;
}

export const config = {
  baseUrl: str('BASE_URL', 'http://localhost:3000').replace(/\/$/, ''),
  branchId: str('BRANCH_ID', ''),
  kioskToken: str('KIOSK_TOKEN', ''),
  signageToken: str('SIGNAGE_TOKEN', ''),
  /** Staff logins, one counter each (signed on at the branch's counters in order). */
  staffUsers: str('STAFF_USERS', 'alice,bob,chen,dana').split(',').map((s) => s.trim()).filter(Boolean),
  staffPassword: str('STAFF_PASSWORD', 'demo1234'),
  /** Origin header sent by the staff panel's requests and sockets (must be in ALLOWED_ORIGINS). */
  origin: __ENV.ORIGIN ?? str('BASE_URL', 'http://localhost:3000').replace(/\/$/, ''),
  duration: str('DURATION', '2m'),
  /** Walk-in tickets per second at the kiosk(s) of the branch. */
  kioskRate: num('KIOSK_RATE', 1),
  screens: num('SCREENS', 2),
  phones: num('PHONES', 20),
  /** Seconds a customer spends at the counter (staff loop: call, start, wait, complete). */
  serviceSeconds: num('SERVICE_SECONDS', 5),
  /** Targets (ms); a missed one makes k6 exit non-zero. */
  kioskP99Ms: num('KIOSK_P99_MS', 20),
  /** Staff call-next over HTTP (commit + PostgreSQL append + audit), ms. */
  callP99Ms: num('CALL_P99_MS', 50),
  eventP99Ms: num('EVENT_P99_MS', 100),
};

export function required(): void {
  for (const [k, v] of Object.entries({ BRANCH_ID: config.branchId, KIOSK_TOKEN: config.kioskToken, SIGNAGE_TOKEN: config.signageToken })) {
    if (!v) throw new Error(`set ${k}: the server's start-up banner prints the demo branch's values`);
  }
}
