/** Who may frame the lobby screen is the operator's list of signage players, read once and checked. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('SIGNAGE_FRAME_ANCESTORS', () => {
  it('is empty unless set: nobody frames a screen', () => {
    expect(loadConfig({}).signageFrameAncestors).toEqual([]);
  });

  it('takes origins separated by spaces or commas', () => {
    expect(loadConfig({ SIGNAGE_FRAME_ANCESTORS: 'https://player.bank.example,  http://10.1.2.3:8080 https://wall.example' }).signageFrameAncestors).toEqual([
      'https://player.bank.example',
      'http://10.1.2.3:8080',
      'https://wall.example',
    ]);
  });

  it("refuses what is not an origin (a path, a wildcard, a CSP keyword that would open it to everyone), naming the variable", () => {
    for (const bad of ['https://player.bank.example/screens', '*', "'self' *", 'player.bank.example', 'https://*.bank.example']) {
      expect(() => loadConfig({ SIGNAGE_FRAME_ANCESTORS: bad }), bad).toThrow(/SIGNAGE_FRAME_ANCESTORS/);
    }
  });
});
