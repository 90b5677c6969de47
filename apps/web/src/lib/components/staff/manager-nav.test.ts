import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every manager screen leads to every other one the same way: through ManagerNav in its header,
 * not a hand-made handful of links (team, reports and audit once offered fewer than set-up did).
 * Each screen is named by its folder under routes/staff and by its id among ManagerNav's links
 * (the booking rules live at /staff/booking, once left with only two hand-made links).
 */
const SCREENS: [folder: string, id: string][] = [
  ['setup', 'setup'],
  ['booking', 'booking-rules'],
  ['branches', 'branches'],
  ['admins', 'admins'],
  ['team', 'team'],
  ['reports', 'reports'],
  ['audit', 'audit'],
  ['devices', 'devices'],
  ['readiness', 'readiness'],
];
const page = (screen: string) => readFileSync(fileURLToPath(new URL(`../../../routes/staff/${screen}/+page.svelte`, import.meta.url)), 'utf8');

describe('manager screen navigation', () => {
  it.each(SCREENS)('/staff/%s uses ManagerNav, naming itself (%s) as the current screen', (folder, id) => {
    const source = page(folder);
    expect(source).toContain(`<ManagerNav current="${id}"`);
    // No hand-made links beside it: the back link is ManagerNav's own.
    expect(source).not.toContain('data-testid="back-to-panel"');
  });
});
