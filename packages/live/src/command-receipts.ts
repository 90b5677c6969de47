import type { BranchEvent, BranchState, Command } from '@tellerline/engine';

/** How long a receipt is kept by default: retries within it are answered, later ones decided afresh. */
export const RECEIPT_TTL_SEC = 15 * 60;

/**
 * What a keyed command left behind when it committed, written in the same atomic step as its
 * events (see {@link LiveStateStore.commit}), so "committed but the answer was lost" always has one.
 */
export interface CommandReceipt {
  /** The client's command id, unique per branch while the receipt is kept. */
  commandId: string;
  /** The request as the client sent it (and who sent it), hashed: a retry must match it. */
  fingerprint: string;
  /** What the first outcome answered, serialized by the caller; a retry gets exactly this. */
  answer: string;
  /**
   * What the caller needs to finish the command's own work after the commit (records, timers, an
   * audit entry) when the run that committed it never got its answer, serialized by the caller.
   */
  followUp?: string;
}

/**
 * A keyed command's follow-up note still owed: recorded with the commit (the same atomic step as
 * its receipt) and settled once the node that ran the command, a retry or a sweep finished it.
 * Kept apart from the receipt and without its TTL, so a command nobody retried is finished even
 * after its receipt expired (see {@link LiveStateStore.claimFollowUps}).
 */
export interface PendingFollowUp {
  commandId: string;
  /** The receipt's {@link CommandReceipt.followUp}, as the caller serialized it. */
  followUp: string;
}

/** A client's idempotency key for one command, and how to answer its retries. */
export interface CommandKey {
  commandId: string;
  fingerprint: string;
  /** Serializes the answer to keep, from the command's outcome, before the commit. */
  answer(outcome: { state: BranchState; events: BranchEvent[] }): string;
  /**
   * Serializes the receipt's {@link CommandReceipt.followUp} from the outcome and the state the
   * command was decided on, before the commit. A retry gets it back with the first answer.
   */
  followUp?(outcome: { state: BranchState; events: BranchEvent[]; before: BranchState }): string;
}

/** A command for {@link executeCommands}, with the client's key when it gave one. */
export interface KeyedCommand {
  cmd: Command;
  key?: CommandKey;
}

/**
 * The same command id came with a different request (or from someone else): refused, nothing
 * done. Not a retry, so it must not be answered with another request's outcome.
 */
export class CommandIdReusedError extends Error {
  readonly code = 'COMMAND_ID_REUSED';

  constructor(readonly commandId: string) {
    super('This commandId was used for a different command; press again.');
    this.name = 'CommandIdReusedError';
  }
}
