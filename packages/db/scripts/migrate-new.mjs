#!/usr/bin/env node
// `npm run migrate:new -- --name <change>`: writes prisma/migrations/<UTC ts>_<change>/migration.sql
// with the SQL that takes the existing migrations to prisma/schema.prisma.
//
// Why not `prisma migrate dev`: with the WebAssembly schema engine (engine: "js", offline recipe)
// Prisma 6.19's `migrate dev` can only create the first migration; from the second on it stops at
// its data-loss check ("PostgreSQL shadow DB must be provided through an external factory").
// `migrate diff --from-migrations` replays the migrations into the adapter's shadow database
// (see prisma.config.ts) and prints the difference, which is all `migrate dev --create-only` does.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, '..');
const args = process.argv.slice(2);
const at = args.indexOf('--name');
const name = at >= 0 ? args[at + 1] : undefined;
if (!name || !/^[a-z0-9_]+$/i.test(name)) {
  console.error('usage: npm run migrate:new -- --name <change> (letters, digits, _)');
  process.exit(2);
}

const result = spawnSync(
  process.execPath,
  [join(here, 'prisma.mjs'), 'migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
  { cwd: pkgDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
);
if (result.status !== 0) process.exit(result.status ?? 1);
// The CLI prints a config banner before the script; the SQL starts at its first comment line.
const sql = result.stdout.slice(Math.max(0, result.stdout.search(/^--/m)));
if (!/^(--|CREATE|ALTER|DROP)/m.test(sql) || /^-- This is an empty migration\./m.test(sql)) {
  console.log('schema.prisma matches the migrations: nothing to write.');
  process.exit(0);
}
const ts = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const dir = join(pkgDir, 'prisma', 'migrations', `${ts}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), sql.endsWith('\n') ? sql : `${sql}\n`);
console.log(`wrote ${join('prisma', 'migrations', `${ts}_${name}`, 'migration.sql')}`);
