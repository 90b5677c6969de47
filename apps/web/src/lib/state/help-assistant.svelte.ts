import type { AssistantAnswer, AssistantFacts } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
import { helpErrorKey, questionProblem } from './help-logic.js';

/** One turn of the conversation: the customer's question, or the assistant's answer. */
export type HelpEntry =
  | { id: number; from: 'you'; text: string }
  | { id: number; from: 'assistant'; text: string; facts: AssistantFacts[]; lang: 'zh' | 'en' }
  | { id: number; from: 'error'; key: string; params?: Record<string, number> };

/** A turn before it gets its id (distributes over the kinds of turn). */
type NewEntry = HelpEntry extends infer E ? (E extends HelpEntry ? Omit<E, 'id'> : never) : never;

/** At most this many turns are kept: the oldest scroll away rather than grow the page for ever. */
const KEPT = 40;

/**
 * The help assistant's conversation for one branch (id or code): asks the server, keeps the
 * turns for the log, and the questions to offer next (null: the panel's first ones). Problems
 * with the typed question are dictionary keys, checked before sending as the server would.
 */
export class HelpAssistant {
  entries = $state<HelpEntry[]>([]);
  /** The server's suggestions after the last answer, in that answer's language. */
  suggestions = $state<{ lang: 'zh' | 'en'; items: string[] } | null>(null);
  busy = $state(false);
  /** The problem with the typed question, shown by the box (dictionary key and params). */
  problem = $state<{ key: string; params?: Record<string, number> } | null>(null);
  private seq = 0;

  constructor(private readonly branch: () => string | null) {}

  private push(entry: NewEntry): void {
    this.entries = [...this.entries, { ...entry, id: ++this.seq } as HelpEntry].slice(-KEPT);
  }

  /** Sends a question; resolves true when it was sent (the box may then be cleared). */
  async ask(question: string, lang: 'zh' | 'en'): Promise<boolean> {
    const branch = this.branch();
    this.problem = questionProblem(question);
    if (this.problem || this.busy || !branch) return false;
    const text = question.trim();
    this.push({ from: 'you', text });
    this.busy = true;
    try {
      const a = await api<AssistantAnswer>('POST', `/api/v1/branches/${encodeURIComponent(branch)}/assistant`, { question: text, language: lang });
      this.push({ from: 'assistant', text: a.answer, facts: a.facts ?? [], lang });
      this.suggestions = { lang, items: a.suggestions };
    } catch (err) {
      this.push({ from: 'error', key: helpErrorKey(err instanceof ApiFailure ? err.code : 'generic') });
    } finally {
      this.busy = false;
    }
    return true;
  }
}
