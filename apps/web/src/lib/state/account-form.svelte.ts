import { displayNameProblem, usernameProblem } from './team-logic.js';

/** Dictionary keys of an account form's problems, by field. */
export type AccountFormErrors = { username?: string; displayName?: string };

/**
 * The username / display-name part of an account dialog, shared by the team screen (members) and
 * the administrators screen. Problems are not shown while someone types for the first time; once
 * the form has been sent, each field's problem follows its text.
 */
export class AccountForm<F extends { username: string; displayName: string }> {
  /** The dialog's fields, while it is open. */
  form = $state<F | null>(null);
  formErrors = $state<AccountFormErrors>({});
  private tried = false;
  /** The fields as the dialog opened (JSON): a look is not a change. */
  private opened: string | null = null;

  /** Opens the dialog on `fields`, with no problem shown. */
  protected openWith(fields: F): void {
    this.tried = false;
    this.formErrors = {};
    this.form = fields;
    this.opened = JSON.stringify(fields);
  }

  /** The dialog is open with something changed: closing the screen now would lose it. */
  get formChanged(): boolean {
    return this.form !== null && JSON.stringify($state.snapshot(this.form)) !== this.opened;
  }

  closeForm(): void {
    this.form = null;
    this.formErrors = {};
  }

  setUsername(text: string): void {
    if (!this.form) return;
    this.form.username = text;
    if (this.tried) this.formErrors = { ...this.formErrors, username: usernameProblem(text) ?? undefined };
  }

  setDisplayName(text: string): void {
    if (!this.form) return;
    this.form.displayName = text;
    if (this.tried) this.formErrors = { ...this.formErrors, displayName: displayNameProblem(text) ?? undefined };
  }

  /**
   * The form is being sent: its problems from now on (the username only when it is asked for, an
   * existing account's cannot change). True when there are none.
   */
  protected checkForm(form: F, withUsername: boolean): boolean {
    this.tried = true;
    const username = withUsername ? usernameProblem(form.username) : null;
    const displayName = displayNameProblem(form.displayName);
    this.formErrors = { ...(username ? { username } : {}), ...(displayName ? { displayName } : {}) };
    return !username && !displayName;
  }
}
