import type { Me, Role } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { signInAgain } from './sign-in-again.js';
import { AUTH_CODES, codeOf } from './staff-errors.js';

/** Where a manager screen (booking rules, devices, reports) stands while it opens. */
export type ManagerLoad = 'loading' | 'ready' | 'forbidden' | 'no-branch' | 'error';

/** Who opened the screen and, for an admin (no branch of their own), the branches to choose from; empty for a manager. */
export type ManagerOpening<B> = { me: Me; branches: B[] } & ({ branchId: string } | { load: 'forbidden' | 'no-branch' });

/**
 * The first step of opening a manager screen: who I am (`forbidden` unless `allowed`), the
 * branches an admin chooses from (in `order`), and the branch to show: a manager's own, else
 * `asked` when it is one of them, else the first (`no-branch` when there is none).
 */
export async function openManagerScreen<B extends { id: string }>(
  allowed: (role: Role) => boolean,
  asked: string | null,
  order: (branches: B[]) => B[] = (b) => b,
): Promise<ManagerOpening<B>> {
  const me = await api<Me>('GET', '/api/v1/auth/me');
  if (!allowed(me.role)) return { me, branches: [], load: 'forbidden' };
  const branches = me.branchId === null ? order(await api<B[]>('GET', '/api/v1/branches')) : [];
  const branchId = me.branchId ?? (branches.some((b) => b.id === asked) ? asked : branches[0]?.id);
  return branchId ? { me, branches, branchId } : { me, branches, load: 'no-branch' };
}

/** A manager screen failed to open: back to sign-in for an ended session (resolves null), else what to show. */
export async function openingFailed(err: unknown): Promise<'forbidden' | 'error' | null> {
  const code = codeOf(err);
  if (!AUTH_CODES.has(code)) return code === 'FORBIDDEN' ? 'forbidden' : 'error';
  await signInAgain(code);
  return null;
}

/**
 * One request of a manager screen, `busy` while it runs (its buttons wait): an ended session goes
 * back to sign-in; any other refusal's code (and the error, for its details and field issues)
 * goes to `refused`. Resolves null when refused.
 */
export async function managerRequest<R>(
  screen: { busy: boolean },
  request: () => Promise<R>,
  refused?: (code: string, err: unknown) => void,
): Promise<R | null> {
  screen.busy = true;
  try {
    return await request();
  } catch (err) {
    const code = codeOf(err);
    if (AUTH_CODES.has(code)) await signInAgain(code);
    else refused?.(code, err);
    return null;
  } finally {
    screen.busy = false;
  }
}

/** What `screenRequest` reads and sets on a manager screen's state. */
export interface RequestingScreen {
  busy: boolean;
  error: string | null;
}

/** `managerRequest` for a screen that shows the last refusal's code in `error`. */
export function screenRequest<T>(screen: RequestingScreen, request: () => Promise<T>, refused?: (code: string, err: unknown) => void): Promise<T | null> {
  return managerRequest(screen, request, (code, err) => {
    screen.error = code;
    refused?.(code, err);
  });
}
