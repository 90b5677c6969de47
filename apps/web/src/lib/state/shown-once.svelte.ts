import { tick } from 'svelte';

/**
 * What a manager screen shows only once (a pairing link, a temporary password): its heading takes
 * the focus when it appears, so keyboard and screen reader users land on it; Copy copies it, or,
 * without a clipboard (plain http on the branch network, or refused), selects it for Ctrl+C; `note`
 * says which, for the screen's live region.
 */
export class ShownOnce {
  /** What copying did; null again as soon as the manager does something else. */
  note = $state<'copied' | 'copyFailed' | null>(null);
  /** The heading of the shown-once section (bound by the page). */
  heading = $state<HTMLElement | null>(null);
  /** The read-only field that holds the text (bound by the page). */
  input = $state<HTMLInputElement | null>(null);

  /** It has just appeared: once it is drawn, its heading takes the focus. */
  async show(): Promise<void> {
    this.note = null;
    await tick();
    this.heading?.focus();
  }

  async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.note = 'copied';
    } catch {
      this.input?.focus();
      this.input?.select();
      this.note = 'copyFailed';
    }
  }

  /** It has been put away: the focus goes to the element `nextId` (the list's heading) once it is drawn. */
  async hide(nextId: string): Promise<void> {
    this.note = null;
    await tick();
    document.getElementById(nextId)?.focus();
  }
}
