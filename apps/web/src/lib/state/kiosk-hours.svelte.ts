import type { WalkInHours } from '@tellerline/contracts';
import { api } from '$lib/api.js';

/** How often the kiosk asks whether it issues tickets: it opens and closes by the clock, with no event to tell it. */
const POLL_MS = 30_000;

/**
 * Whether the branch issues walk-in tickets now (GET /walk-in-hours): the start screen shows the
 * closed page instead of the language buttons while it does not. Until the first answer, and
 * when the server cannot be asked, the kiosk stays as it was: the server refuses a ticket anyway
 * (BRANCH_CLOSED), and a kiosk stuck "closed" by a network blip would turn customers away.
 */
export class KioskHours {
  current = $state<WalkInHours | null>(null);
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly branchId: string) {}

  /** Closed now: the answer to show; null while issuing or not known. */
  get closed(): WalkInHours | null {
    return this.current && !this.current.issuing ? this.current : null;
  }

  start(): void {
    void this.refresh();
    this.timer ??= setInterval(() => void this.refresh(), POLL_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  async refresh(): Promise<void> {
    try {
      this.current = await api<WalkInHours>('GET', `/api/v1/branches/${encodeURIComponent(this.branchId)}/walk-in-hours`);
    } catch {
      // Keep the last answer (see above).
    }
  }
}
