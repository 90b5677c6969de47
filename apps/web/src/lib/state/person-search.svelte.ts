import type { AuditPerson } from '@tellerline/contracts';

/** How long typing pauses before the server is asked: one request per word typed, not per letter. */
export const SEARCH_DELAY_MS = 200;
/** What the server accepts as a search (AuditPeopleQuery.q). */
export const SEARCH_MAX = 60;

/** What a key did in the field: the page prevents the browser's own handling when it was `handled`. */
export type KeyOutcome = 'handled' | 'ignored';

/**
 * The audit log's "who" field, a combobox (WAI-ARIA 1.2, list autocomplete): typing asks the
 * server (`find`, scoped and limited there) for suggestions after a short pause; ArrowDown and
 * ArrowUp move through them (opening the list), Enter picks the one marked, Escape closes the
 * list or, closed, clears the field. `chosen` is the person the filter names; typing again
 * un-chooses until a suggestion is picked. An answer to an older search than the last one is
 * dropped, so a slow reply never overwrites a newer list.
 */
export class PersonSearch {
  /** What the field shows: what was typed, or the chosen person's label. */
  text = $state('');
  chosen = $state<AuditPerson | null>(null);
  suggestions = $state<AuditPerson[]>([]);
  open = $state(false);
  /** The suggestion marked by the arrow keys (-1: none). */
  active = $state(-1);
  /** A search is under way. */
  searching = $state(false);
  /** The last search failed (network, session): the list says so. */
  failed = $state(false);

  private asked = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly find: (q: string) => Promise<AuditPerson[]>,
    /** The field's (and the suggestion list's) words for a person, in the screen's language. */
    readonly label: (p: AuditPerson) => string,
    private readonly delayMs = SEARCH_DELAY_MS,
  ) {}

  /** Typed (or pasted): the filter names nobody until a suggestion is picked. */
  type(text: string): void {
    this.text = text;
    this.chosen = null;
    this.active = -1;
    if (this.timer) clearTimeout(this.timer);
    const q = text.trim().slice(0, SEARCH_MAX);
    if (q === '') {
      this.asked++;
      this.suggestions = [];
      this.open = false;
      this.searching = false;
      return;
    }
    this.timer = setTimeout(() => void this.search(q), this.delayMs);
  }

  /** Asks the server now (the pause is over). */
  async search(q: string): Promise<void> {
    const mine = ++this.asked;
    this.searching = true;
    try {
      const found = await this.find(q);
      if (mine !== this.asked) return;
      this.suggestions = found;
      this.failed = false;
    } catch {
      if (mine !== this.asked) return;
      this.suggestions = [];
      this.failed = true;
    } finally {
      if (mine === this.asked) this.searching = false;
    }
    this.active = -1;
    this.open = true;
  }

  /** The field's keys; the caller prevents the default for `handled`. */
  key(key: string): KeyOutcome {
    const n = this.suggestions.length;
    switch (key) {
      case 'ArrowDown':
        if (!this.open) {
          if (n === 0) return 'ignored';
          this.open = true;
        }
        this.active = n === 0 ? -1 : (this.active + 1) % n;
        return 'handled';
      case 'ArrowUp':
        if (!this.open || n === 0) return 'ignored';
        this.active = this.active <= 0 ? n - 1 : this.active - 1;
        return 'handled';
      case 'Enter': {
        const person = this.open ? this.suggestions[this.active] : undefined;
        if (!person) return 'ignored';
        this.pick(person);
        return 'handled';
      }
      case 'Escape':
        if (this.open) {
          this.close();
          return 'handled';
        }
        if (this.text !== '') {
          this.clear();
          return 'handled';
        }
        return 'ignored';
      default:
        return 'ignored';
    }
  }

  pick(person: AuditPerson): void {
    if (this.timer) clearTimeout(this.timer);
    this.asked++;
    this.chosen = person;
    this.text = this.label(person);
    this.close();
  }

  /** The person the filter names already (read back from the address), or nobody. */
  set(person: AuditPerson | null): void {
    if (person) this.pick(person);
    else this.clear();
  }

  /** The chosen person's words again (the language changed). */
  relabel(): void {
    if (this.chosen) this.text = this.label(this.chosen);
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.asked++;
    this.text = '';
    this.chosen = null;
    this.suggestions = [];
    this.searching = false;
    this.close();
  }

  close(): void {
    this.open = false;
    this.active = -1;
  }

  /** Typed but not picked: the filter would silently name nobody, so the page asks to pick or clear. */
  get unpicked(): boolean {
    return this.chosen === null && this.text.trim() !== '';
  }
}
