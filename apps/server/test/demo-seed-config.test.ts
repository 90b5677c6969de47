/** The demo branch's logins share a published password: a production install must not get them by default. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://queue.bank.example' };

describe('demo seed setting', () => {
  it('seeds the demo branch in development and test, so `npm start` is one command', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).seedDemo).toBe(true);
  });

  it('does not seed it in production unless asked to', () => {
    expect(loadConfig(production).seedDemo).toBe(false);
    expect(loadConfig({ ...production, SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });
});
