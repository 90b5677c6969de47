/**
 * The first administrator of an installation without the demo (SEED_DEMO=false): the banner says
 * how, `npm run admin -- create` makes one on the same PostgreSQL schema (password from the
 * environment or a pipe, never an argument), and they can sign in. Each CLI run is a real child
 * process, as an operator would start it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, PG_URL, startTestSystem, type TestSystem } from './support.js';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem({ SEED_DEMO: 'false' });
});
afterAll(async () => {
  await sys?.close();
});

/** Runs `npm run admin -- <args>` as the server package's script does (tsx src/cli/admin.ts). */
function admin(args: string[], opts: { password?: string; stdin?: string } = {}): Promise<{ code: number | null; out: string; err: string }> {
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: PG_URL, DATABASE_SCHEMA: sys.system.parts.config.databaseSchema, LOG_LEVEL: 'silent' };
  delete env.TELLERLINE_ADMIN_PASSWORD;
  if (opts.password !== undefined) env.TELLERLINE_ADMIN_PASSWORD = opts.password;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', ...args], { cwd: SERVER_DIR, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  child.stdin.end(opts.stdin ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

const login = (username: string, password: string) => new HttpClient(sys.url).req('POST', '/api/v1/auth/login', { username, password });

// Each run starts Node, tsx and Prisma afresh: seconds each on a busy 2-core machine.
describe('the first administrator', { timeout: 120_000 }, () => {
  it('the banner of an installation without one says how to create it', () => {
    expect(sys.banner).toContain('No administrator yet');
    expect(sys.banner).toContain('npm run admin -- create <username>');
  });

  it('refuses a password on the command line, a short one, and a bad username, creating nothing', async () => {
    const arg = await admin(['create', 'root', '--password', 'correct-horse-1']);
    expect(arg.code).toBe(2);
    expect(arg.err).toContain('never taken from the command line');
    const short = await admin(['create', 'root'], { password: 'short' });
    expect(short.code).toBe(1);
    expect(short.err).toContain('at least 10 characters');
    const spaces = await admin(['create', 'root'], { password: '          ' });
    expect(spaces.code).toBe(1);
    expect(spaces.err).toContain('at least 10 characters');
    const same = await admin(['create', 'root'], { password: 'aaaaaaaaaa' });
    expect(same.code).toBe(1);
    expect(same.err).toContain('at least 4 different characters');
    const bad = await admin(['create', 'Root.Admin'], { password: 'correct-horse-1' });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('lowercase');
    expect((await login('root', 'correct-horse-1')).status).toBe(401);
  });

  it('creates one from TELLERLINE_ADMIN_PASSWORD, who signs in without having to change it, and audits it', async () => {
    const res = await admin(['create', 'root', '--display-name', '系统管理员 Root'], { password: 'correct-horse-1' });
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('Administrator root created');
    expect(res.out + res.err).not.toContain('correct-horse-1');
    const signedIn = await login('root', 'correct-horse-1');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.data).toMatchObject({ username: 'root', displayName: '系统管理员 Root', role: 'admin', branchId: null, mustChangePassword: false });
    const entries = await sys.system.parts.db.audit.list(null as unknown as string, 10);
    expect(entries.find((e) => e.action === 'create-staff')).toMatchObject({ userId: null, role: 'system:admin-cli', details: { username: 'root', role: 'admin' } });
    expect(await sys.system.parts.db.hasActiveAdmin()).toBe(true);
  });

  it('reads the password from a pipe too, and refuses a taken username', async () => {
    const taken = await admin(['create', 'root'], { stdin: 'another-pass-9\n' });
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('taken');
    const second = await admin(['create', 'ops.lead'], { stdin: 'piped-password-7\n' });
    expect(second.code, second.err).toBe(0);
    expect((await login('ops.lead', 'piped-password-7')).status).toBe(200);
  });

  it('reset-password gives an account a new password the operator typed', async () => {
    const res = await admin(['reset-password', 'root'], { password: 'a-brand-new-one-3' });
    expect(res.code, res.err).toBe(0);
    expect((await login('root', 'correct-horse-1')).status).toBe(401);
    expect((await login('root', 'a-brand-new-one-3')).body.data).toMatchObject({ mustChangePassword: false });
    expect((await admin(['reset-password', 'nobody'], { password: 'a-brand-new-one-3' })).code).toBe(1);
  });
});
