import { z } from 'zod';

/**
 * Imported first by the browser screens (their hooks.client.ts), before any schema is built: they
 * run under a Content-Security-Policy without 'unsafe-eval' (the server's page policy), and zod
 * probes `new Function` while building object schemas to compile their checks, which the browser
 * reports as a policy violation. Without that compilation zod checks the same, a little slower.
 * The server keeps the compiled checks.
 */
z.config({ jitless: true });
