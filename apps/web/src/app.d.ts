declare global {
  namespace App {
    /** Shallow-routing state of a history entry (SvelteKit pushState / page.state). */
    interface PageState {
      /** The step of a multi-step page (/book, /join) this entry stands for, so Back and Forward move between steps. */
      step?: string;
    }
  }
}
export {};
