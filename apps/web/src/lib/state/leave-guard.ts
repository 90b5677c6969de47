/**
 * What a manager screen with unsaved changes does when something would take the manager away
 * (a link, Back, a reload, closing the tab). The screen's own question (the warning dialog) for
 * anything the app can carry out afterwards; the browser's own question for leaving the document
 * (reload, closing the tab: a page may not show its own dialog then).
 */

/** The part of SvelteKit's `BeforeNavigate` the decision reads. */
export interface LeavingNavigation {
  type: 'enter' | 'form' | 'leave' | 'link' | 'goto' | 'popstate';
  from: { url: URL } | null;
  to: { url: URL } | null;
}

/** `go`: nothing to lose; `browser`: cancel, and the browser asks (beforeunload); `ask`: cancel, and the screen asks. */
export type LeaveStep = 'go' | 'browser' | 'ask';

export function leaveStep(nav: LeavingNavigation, unsaved: boolean): LeaveStep {
  if (!unsaved) return 'go';
  if (nav.type === 'leave') return 'browser';
  // The app sending an ended session to sign-in: nothing could be saved by staying (a screen that
  // can keeps its changes as a draft first, see unsaved-draft.ts).
  if (nav.type === 'goto' && nav.to?.url.pathname === '/staff/login') return 'go';
  // The same address again (a link to this very screen) keeps the screen and what it holds.
  if (nav.to && nav.from && nav.to.url.href === nav.from.url.href) return 'go';
  return 'ask';
}
