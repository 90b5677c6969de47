import { goto } from '$app/navigation';
import type { Me } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { passwordFormProblems, refusedField, type PasswordErrors, type PasswordFields } from './account-logic.js';
import { signInAgain } from './sign-in-again.js';
import { AUTH_CODES, codeOf, detailsOf } from './staff-errors.js';

/**
 * Everyone's own account screen (/staff/account): who I am, and changing my password — the one
 * screen an account on a temporary password may use until it has chosen its own. The fields live
 * here only while typed; they are cleared once sent.
 */
export class AccountScreen {
  load = $state<'loading' | 'ready' | 'error'>('loading');
  me = $state<Me | null>(null);
  fields = $state<PasswordFields>({ current: '', next: '', repeat: '' });
  errors = $state<PasswordErrors>({});
  busy = $state(false);
  /** The last refusal's code (VALIDATION_FAILED for the browser's own check too). */
  error = $state<string | null>(null);
  /** The password was changed here; `wasTemporary`: it was the way out of a temporary one. */
  done = $state(false);
  wasTemporary = $state(false);
  private tried = false;

  async start(): Promise<void> {
    this.load = 'loading';
    try {
      this.me = await api<Me>('GET', '/api/v1/auth/me');
      this.load = 'ready';
    } catch (err) {
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) await signInAgain(code);
      else this.load = 'error';
    }
  }

  set(field: keyof PasswordFields, value: string): void {
    this.fields[field] = value;
    this.done = false;
    // Not scolded while typing the first time; once sent, the problems follow the text.
    if (this.tried && this.me) this.errors = passwordFormProblems(this.fields, this.me.username);
  }

  /** Sends the change. Resolves true when changed (`done`), the fields then cleared. */
  async submit(): Promise<boolean> {
    if (this.busy || !this.me) return false;
    this.tried = true;
    this.error = null;
    this.errors = passwordFormProblems(this.fields, this.me.username);
    if (Object.keys(this.errors).length > 0) {
      this.error = 'VALIDATION_FAILED';
      return false;
    }
    this.busy = true;
    try {
      const wasTemporary = this.me.mustChangePassword;
      this.me = await api<Me>('POST', '/api/v1/auth/password', { currentPassword: this.fields.current, newPassword: this.fields.next });
      this.fields = { current: '', next: '', repeat: '' };
      this.tried = false;
      this.wasTemporary = wasTemporary;
      this.done = true;
      return true;
    } catch (err) {
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) await signInAgain(code);
      else {
        this.error = code;
        this.errors = refusedField(code, detailsOf(err));
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Signs out (and off the counter); refused while holding a customer: the panel is where to finish them. */
  async logout(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await api('POST', '/api/v1/auth/logout', {});
      await goto('/staff/login');
    } catch (err) {
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) await signInAgain(code);
      else this.error = code;
    } finally {
      this.busy = false;
    }
  }
}
