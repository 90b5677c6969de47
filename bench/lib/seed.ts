/**
 * Creates N branches in the run's PostgreSQL schema through the db package, the way an admin
 * would set them up: services, counters, one staff login per branch, a kiosk and a lobby screen
 * (device tokens). The server configures each branch's live state from this at start-up
 * (liveBranches.ensureAll).
 */
import { createDb, createRepositories, migrate, newDeviceToken, DEMO_BRANCH } from '@tellerline/db';
import { hashPassword } from '../../apps/server/src/auth/passwords.js';
import { DATABASE_URL, type Isolation } from './server.js';

export const BENCH_PASSWORD = 'bench-password-1';

export interface SeededBranch {
  branchId: string;
  code: string;
  kioskToken: string;
  signageToken: string;
  staffUsername: string;
}

export async function seedBranches(iso: Isolation, count: number, concurrency = 8): Promise<SeededBranch[]> {
  const db = createDb({ url: DATABASE_URL, schema: iso.schema, poolSize: concurrency + 2 });
  try {
    await migrate(db);
    const repos = createRepositories(db);
    // One Argon2id hash serves every bench login (hashing 200 passwords would take a while).
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const out: SeededBranch[] = new Array(count);
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++;
          const code = `b${String(i).padStart(4, '0')}`;
          const setup = { ...DEMO_BRANCH, code, name: { zh: `支行 ${i}`, en: `Branch ${i}` }, pilot: false, staff: [] };
          const branchId = await repos.branches.upsert(setup);
          const staffUsername = `${code}-staff`;
          const user = await repos.users.create({ username: staffUsername, passwordHash, role: 'staff', displayName: `Staff ${code}`, branchId });
          const skills = Object.fromEntries(setup.services.map((s) => [s.code, 1]));
          await repos.branches.upsert({ ...setup, staff: [{ displayName: `Staff ${code}`, userId: user.id, skills }] });
          const kiosk = newDeviceToken();
          const signage = newDeviceToken();
          await repos.devices.create({ branchId, kind: 'kiosk', name: 'Bench kiosk', tokenHash: kiosk.tokenHash });
          await repos.devices.create({ branchId, kind: 'signage', name: 'Bench screen', tokenHash: signage.tokenHash });
          out[i] = { branchId, code, kioskToken: kiosk.token, signageToken: signage.token, staffUsername };
        }
      }),
    );
    return out;
  } finally {
    await db.close();
  }
}
