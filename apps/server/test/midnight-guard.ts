/**
 * Tests on the real clock keep clear of the demo branch's midnight (Asia/Shanghai, 16:00 UTC).
 * Its hours end at 23:59 (contracts' LocalTime stops there), so the kiosk refuses walk-ins with
 * BRANCH_CLOSED for the last minute of the day; at 00:00 the daily-close job cancels every active
 * ticket and restarts the numbers. A test that issues a ticket then, or whose tickets live across
 * midnight, fails by the product's own rules. CI runs at any hour, so a test (and a whole file,
 * whose `beforeAll` may build a queue the tests rely on) that would run into that edge waits
 * until the new day is open instead. Tests on a moved clock (`overrides.clock`) wait needlessly,
 * a few minutes once a day at most.
 */

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** 23:59 to midnight: outside the demo branch's hours (00:00-23:59). */
const LAST_MINUTE_MS = 60_000;
/** After midnight: time for the daily-close job (BullMQ, due at 00:00) to open the new day. */
export const AFTER_MIDNIGHT_MS = 15_000;
/** What a whole test file is given: its systems, browser and tests. */
export const FILE_RUN_MS = 3 * 60_000;
/** What one test is given (the e2e testTimeout, with room). */
export const TEST_RUN_MS = 75_000;
/** The longest wait (a file starting just before FILE_RUN_MS + the last minute), with room for the hook's timeout. */
export const GUARD_TIMEOUT_MS = FILE_RUN_MS + LAST_MINUTE_MS + AFTER_MIDNIGHT_MS + 60_000;

/**
 * How long to wait at `now` so that the next `runMs` stay clear of the demo branch's midnight
 * edge (its closed last minute, and the close job just after): 0 when they already do.
 */
export function midnightWaitMs(now: number, runMs: number): number {
  const sinceMidnight = (((now + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  if (sinceMidnight < AFTER_MIDNIGHT_MS) return AFTER_MIDNIGHT_MS - sinceMidnight;
  const untilMidnight = DAY_MS - sinceMidnight;
  return untilMidnight <= LAST_MINUTE_MS + runMs ? untilMidnight + AFTER_MIDNIGHT_MS : 0;
}

/** Waits, if need be, until the next `runMs` are clear of the demo branch's midnight. */
export async function clearOfMidnight(runMs: number): Promise<void> {
  const wait = midnightWaitMs(Date.now(), runMs);
  if (wait === 0) return;
  // Said in the log, so a slow CI run near 16:00 UTC is not a mystery.
  console.info(`Waiting ${Math.ceil(wait / 1000)} s for the demo branch's new day (Asia/Shanghai midnight): tests on the real clock cannot span it.`);
  await new Promise((resolve) => setTimeout(resolve, wait));
}
