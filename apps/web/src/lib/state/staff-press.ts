import type { StaffCommand } from '@tellerline/contracts';
import { NO_CONNECTION } from '../api.js';
import { newRequestId } from './kiosk-logic.js';

/**
 * Refusals after which the press may still have been done without the panel hearing of it: no
 * ack within the socket's timeout (BUSY_RETRY), no connection (NO_CONNECTION: the request may have
 * reached the server before the line dropped), the server's store away mid-command
 * (TEMPORARILY_UNAVAILABLE: Redis may run it when it resumes), a server fault (INTERNAL).
 */
export const ANSWER_MAYBE_LOST: ReadonlySet<string> = new Set(['BUSY_RETRY', NO_CONNECTION, 'TEMPORARILY_UNAVAILABLE', 'INTERNAL']);

/**
 * How long pressing the same button again counts as retrying a press whose answer was lost.
 * A teller retries within seconds; much later it is a new intent (the customer called then may
 * have left since). Well inside the 15 minutes the server keeps an id (`COMMAND_ID_TTL_SEC`).
 */
export const PRESS_RETRY_WINDOW_MS = 2 * 60_000;

/**
 * The staff panel's command ids, one per button press (`commandId`), so the server runs a press
 * once however often it is sent. A press whose answer was lost keeps its id: pressing the same
 * command again within {@link PRESS_RETRY_WINDOW_MS} resends it, and the server answers with what
 * the first press did (the same customer) instead of calling another. Any answer, done or
 * refused, ends the press; the next one gets a new id.
 */
export class StaffPresses {
  private unanswered: { command: string; commandId: string; at: number } | null = null;

  constructor(
    private readonly newId: () => string = () => newRequestId(),
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The id to send `cmd` under: the unanswered press's when this repeats it in time, else a new one. */
  idFor(cmd: StaffCommand): string {
    const command = pressOf(cmd);
    const u = this.unanswered;
    if (u && u.command === command && this.now() - u.at < PRESS_RETRY_WINDOW_MS) return u.commandId;
    return this.newId();
  }

  /** How the press sent under `commandId` ended: answered (`code` null, or a refusal) or maybe lost. */
  settle(cmd: StaffCommand, commandId: string, code: string | null): void {
    if (code !== null && ANSWER_MAYBE_LOST.has(code)) {
      // The window runs from the first send: a press retried again and again does not live forever.
      const at = this.unanswered?.commandId === commandId ? this.unanswered.at : this.now();
      this.unanswered = { command: pressOf(cmd), commandId, at };
    } else this.unanswered = null;
  }
}

/** The command as pressed (its own id aside), to tell a repeated press from another one. */
function pressOf(cmd: StaffCommand): string {
  const { commandId: _commandId, ...rest } = cmd;
  return JSON.stringify(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
