/**
 * Vitest set-up file (server and e2e): every test file, and every test, starts clear of the demo
 * branch's midnight (see midnight-guard.ts). Registered before the files' own hooks, so a file's
 * `beforeAll` starts its system only once the wait is over.
 */
import { beforeAll, beforeEach } from 'vitest';
import { clearOfMidnight, FILE_RUN_MS, GUARD_TIMEOUT_MS, TEST_RUN_MS } from './midnight-guard.js';

beforeAll(() => clearOfMidnight(FILE_RUN_MS), GUARD_TIMEOUT_MS);
beforeEach(() => clearOfMidnight(TEST_RUN_MS), GUARD_TIMEOUT_MS);
