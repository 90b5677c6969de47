import type { Attachment } from 'svelte/attachments';

/**
 * A button (or checkbox) that waits for its own action: `<button {@attach holdWhileBusy(screen.busy)}>`.
 *
 * While `busy`, the button is marked `aria-disabled="true"` and swallows clicks (and the form
 * submit a submit button would start) instead of becoming `disabled`: a focused button that turns
 * disabled drops the focus to <body>, so a keyboard or screen-reader user pressing Deactivate or
 * Confirm would start again from the top of the page. The click listener runs in the capture
 * phase on the button itself, before Svelte's delegated `onclick` on the document.
 */
export function holdWhileBusy(busy: boolean): Attachment<HTMLElement> {
  return (button) => {
    if (!busy) return;
    const swallow = (e: Event) => {
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    button.setAttribute('aria-disabled', 'true');
    button.addEventListener('click', swallow, { capture: true });
    return () => {
      button.removeAttribute('aria-disabled');
      button.removeEventListener('click', swallow, { capture: true });
    };
  };
}
