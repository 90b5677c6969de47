import type { BranchAddress, Closure, ServiceQueueView } from '@tellerline/contracts';
import type { LocalizedText, WeeklyWindows } from '@tellerline/engine';
import type { NamedService } from './intent-matcher.js';

/** A service as the assistant tells about it: public configuration only. */
export interface ServiceFacts extends NamedService {
  documents: { zh: string[]; en: string[] };
  walkIns: boolean;
  bookable: boolean;
  /** How long the service takes at the counter: the length of its appointments, in minutes. */
  durationMin: number;
}

/**
 * Everything the assistant may tell about a branch: its public configuration and the live
 * queue's counts and wait estimates. Nothing about any customer is in here, so no answer can
 * contain personal data whatever the question.
 */
export interface BranchFacts {
  name: LocalizedText;
  /** Street address per language (absent or null: not set). */
  address?: BranchAddress;
  timezone: string;
  hours: WeeklyWindows;
  closures: readonly Closure[];
  /** The answer's language (buildAnswer sets it): closure reasons are told in it. */
  language?: Lang;
  services: readonly ServiceFacts[];
  /** The kiosk's per-service counts and estimates; null when the branch's queue is not open. */
  queue: readonly ServiceQueueView[] | null;
  booking: { enabled: boolean; remoteQueue: boolean; checkInEarlyMin: number; checkInLateMin: number };
  /** Minutes before each opening from which the kiosk issues walk-in tickets (booking settings). */
  walkInEarlyMin: number;
  /** Minutes after a call before an absent customer's number lapses (NO_SHOW_AFTER_MIN). */
  noShowAfterMin: number;
}

export type Lang = 'zh' | 'en';

/** A name in the language asked, else in the other one (a manager may have filled in only one). */
export const pick = (text: LocalizedText, lang: Lang) => text[lang] || text.zh || text.en;
