import type { AssistantAnswer, AssistantBody, ServiceQueueView } from '@tellerline/contracts';
import type { WeeklyWindows } from '@tellerline/engine';
import { AppError } from '../../errors.js';
import type { BookingSetup, RateLimiter } from '../booking-ports.js';
import { branchInactive, branchNotOpen, toBranchBooking } from '../booking-settings.js';
import { callerKey } from '../caller-key.js';
import type { BranchDirectory, Clock } from '../ports.js';
import { buildAnswer, type BranchFacts } from './answer-builder.js';
import { matchIntent } from './intent-matcher.js';

/** Questions allowed per caller IP in each window: a person asks a few a minute; a script, thousands. */
export const ASSISTANT_QUESTIONS_PER_IP = 30;
export const ASSISTANT_WINDOW_SEC = 60;

export interface AssistantDeps {
  directory: Pick<BranchDirectory, 'profile' | 'list'>;
  /** The branch's stored setup: hours, booking settings (closures), active services with documents. */
  bookingSetup(branchId: string): Promise<BookingSetup | null>;
  /** The kiosk's per-service waiting counts and estimates from the live state; null when not open. */
  liveQueue(branchId: string): Promise<ServiceQueueView[] | null>;
  limiter: RateLimiter;
  noShowAfterMin: number;
  clock: Clock;
}

/**
 * The help assistant: matches a customer's question (pure rules, both languages) and answers it
 * from the branch's own configuration and live queue. Public and anonymous, so it reads nothing
 * about any customer, and it is rate-limited per caller IP.
 */
export function createAssistant(deps: AssistantDeps) {
  /** The branch by id, or by its code ("demo"), as a link printed for customers names it. */
  async function branchIdOf(key: string): Promise<string> {
    const found = (await deps.directory.profile(key)) ?? (await deps.directory.list()).find((b) => b.code === key);
    if (!found) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
    // Out of service: nothing it could say (hours, waits, documents) still holds there.
    if (!found.active) throw branchInactive();
    // In preparation: not yet announced to customers, so nothing is said about it either.
    if (!found.customersOpen) throw branchNotOpen();
    return found.id;
  }

  async function facts(branchId: string): Promise<BranchFacts> {
    const [setup, queue] = await Promise.all([deps.bookingSetup(branchId), deps.liveQueue(branchId)]);
    if (!setup) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
    const b = toBranchBooking(setup);
    return {
      name: setup.name,
      address: b.address,
      timezone: setup.timezone,
      hours: setup.openingHours as WeeklyWindows,
      closures: b.settings.closures,
      services: [...b.services.values()].map((s) => ({ id: s.id, code: s.code, name: s.name, documents: s.documents, walkIns: s.rules.walkIns, bookable: s.rules.bookable, durationMin: s.durationMin })),
      queue,
      booking: { enabled: b.settings.enabled, remoteQueue: b.settings.remoteQueue, checkInEarlyMin: b.settings.checkInEarlyMin, checkInLateMin: b.settings.checkInLateMin },
      walkInEarlyMin: b.settings.walkInEarlyMin,
      noShowAfterMin: deps.noShowAfterMin,
    };
  }

  return {
    async ask(branchKey: string, body: AssistantBody, ip: string): Promise<AssistantAnswer> {
      if (!(await deps.limiter.hit(callerKey(ip)))) {
        throw new AppError('RATE_LIMITED', 'Too many questions from this address; please wait a minute.', undefined, { retryAfterSec: ASSISTANT_WINDOW_SEC });
      }
      const f = await facts(await branchIdOf(branchKey));
      return buildAnswer(matchIntent(body.question, f.services), f, body.language, deps.clock.now());
    },
  };
}

export type Assistant = ReturnType<typeof createAssistant>;
