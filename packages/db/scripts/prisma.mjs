#!/usr/bin/env node
// Runs the Prisma CLI without any network access or native engine (see README.md, "Offline").
// - PRISMA_SCHEMA_ENGINE_BINARY / PRISMA_QUERY_ENGINE_LIBRARY only have to name an existing
//   file: with `engine: "js"` (prisma.config.ts) and engineType "client" nothing native runs,
//   but without them the CLI tries to download engines from binaries.prisma.sh.
// - CHECKPOINT_DISABLE stops the CLI's version/telemetry check (another network call).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, '..');
const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const placeholder = join(here, 'prisma.mjs');

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || placeholder,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY || placeholder,
  PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};

const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  cwd: pkgDir,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
