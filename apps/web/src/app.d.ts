declare global {
  namespace App {
    /** Shallow-routing state of a history entry (SvelteKit pushState / page.state). */
    interface PageState {
      /** The step of a multi-step page (/book, /join) this entry stands for, so Back and Forward move between steps. */
      step?: string;
      /** Where the entry sits among the page's entries, and which visit made it (step-history.ts EntryPlace). */
      depth?: number;
      visit?: string;
      /** A panel (the help) is open over the step: Back closes it first. */
      panel?: boolean;
      /** The flow was finished from this entry: the one ahead is its result (step-history.ts EntryPlace). */
      done?: boolean;
    }
  }
}
export {};
