declare global {
  namespace App {
    /** Shallow-routing state of a history entry (SvelteKit pushState / page.state). */
    interface PageState {
      /** The booking page's step this entry stands for, so Back and Forward move between steps. */
      bookingStep?: 'branch' | 'service' | 'when' | 'contact' | 'verify';
    }
  }
}
export {};
