import { tick } from 'svelte';
import type { ShownOnce } from '$lib/state/shown-once.svelte.js';

type Account = { userId: string; displayName: string };

/** What a screen of accounts (team, administrators) can do to one row. */
export interface AccountChanges<A extends Account> {
  resetPassword(account: A): Promise<boolean>;
  deactivate(account: A): Promise<boolean>;
  reactivate(account: A): Promise<boolean>;
}

/** The confirmation dialog's question (ConfirmDialog's `ask`). */
type Ask = (q: { action: string; name: string; danger: boolean }, from: HTMLElement | null) => Promise<boolean>;

/**
 * A row's reset / deactivate / reactivate buttons, the same on the team and administrators screens:
 * reset and deactivate ask first; a new temporary password takes the focus (`once`); otherwise the
 * focus goes back to the pressed button or, when it went (deactivate became reactivate), to the
 * row's button matching `fallback` (a selector inside the row).
 */
export function accountRowActions<A extends Account>(changes: AccountChanges<A>, once: ShownOnce, confirm: () => Ask | undefined, fallback: string) {
  async function backTo(from: HTMLElement | null, account: A): Promise<void> {
    await tick();
    const row = `[data-user-id="${CSS.escape(account.userId)}"]`;
    const target = from?.isConnected ? from : document.querySelector<HTMLElement>(fallback.split(',').map((s) => `${row} ${s.trim()}`).join(', '));
    target?.focus();
  }

  return {
    async ask(action: 'deactivate' | 'reset', account: A, e: MouseEvent): Promise<void> {
      const from = e.currentTarget as HTMLElement;
      once.note = null;
      const asked = confirm();
      if (!asked || !(await asked({ action, name: account.displayName, danger: action === 'deactivate' }, from))) return;
      if (action === 'reset') {
        if (await changes.resetPassword(account)) return once.show();
      } else await changes.deactivate(account);
      await backTo(from, account);
    },

    async reactivate(account: A, e: MouseEvent): Promise<void> {
      const from = e.currentTarget as HTMLElement;
      once.note = null;
      await changes.reactivate(account);
      await backTo(from, account);
    },
  };
}
