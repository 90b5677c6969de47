import type { BranchAddressUpdateBody, BranchListItem } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { formAddress, staleBranch } from './branch-edit.js';
import { managerRequest, type Refusal } from './manager-screen.js';
import { addressProblem, type FieldErrors } from './setup-logic.js';

type AddressForm = { addressZh: string; addressEn: string };

/**
 * The branch address on the set-up screen (/staff/setup): the branch's managers (and admins) keep
 * where customers are told to go, and nothing else of the branch the admins keep. Saved with the
 * address the screen showed as `expected`: a colleague's save in between is refused
 * (STALE_BRANCH) and shown, the fields keeping what this person typed and taking the colleague's
 * value where this person typed nothing.
 */
export class BranchAddressEditor {
  form = $state<AddressForm>({ addressZh: '', addressEn: '' });
  errors = $state<FieldErrors>({});
  busy = $state(false);
  error = $state<Refusal | null>(null);
  /** After STALE_BRANCH: the address stored now. */
  stale = $state<BranchListItem['address'] | null>(null);
  saved = $state(false);
  /** The address as stored when last read or saved: what `expected` says and `dirty` compares with. */
  private shown: BranchListItem['address'] = { zh: null, en: null };

  /** Shows `branch`'s address as stored (a new branch picked, or after a save). */
  reset(branch: Pick<BranchListItem, 'address'>): void {
    this.shown = { ...branch.address };
    this.form = { addressZh: branch.address.zh ?? '', addressEn: branch.address.en ?? '' };
    this.errors = {};
    this.error = null;
    this.stale = null;
  }

  /** Something typed and not saved: leaving now would lose it. */
  get dirty(): boolean {
    const now = formAddress(this.form);
    return now.zh !== this.shown.zh || now.en !== this.shown.en;
  }

  set(field: keyof AddressForm, value: string): void {
    this.form = { ...this.form, [field]: value };
    this.saved = false;
    if (this.errors[field]) this.errors = this.problems();
  }

  /** Checks and saves; resolves the branch as stored now when saved, else null (`errors`, `error`, `stale` say why). */
  async save(branchId: string): Promise<BranchListItem | null> {
    if (this.busy) return null;
    this.errors = this.problems();
    this.saved = false;
    if (Object.keys(this.errors).length > 0) return null;
    const body: BranchAddressUpdateBody = { address: formAddress(this.form), expected: { address: this.shown } };
    this.error = null;
    const branch = await managerRequest(this, () => api<BranchListItem>('PUT', `/api/v1/branches/${encodeURIComponent(branchId)}/address`, body), (_code, refusal) => (this.error = refusal));
    if (!branch) {
      const current = staleBranch(this.error);
      if (current) {
        // What is stored now is compared with from here on. A language this person changed keeps
        // what they typed; one they did not touch takes the colleague's value, so saving again
        // cannot silently undo it (as the branch dialog does: branch-edit.ts `rebased`).
        const typed = formAddress(this.form);
        const was = this.shown;
        this.form = {
          addressZh: typed.zh !== was.zh ? this.form.addressZh : (current.address.zh ?? ''),
          addressEn: typed.en !== was.en ? this.form.addressEn : (current.address.en ?? ''),
        };
        this.shown = { ...current.address };
        this.stale = current.address;
      }
      return null;
    }
    this.reset(branch);
    this.saved = true;
    return branch;
  }

  private problems(): FieldErrors {
    const out: FieldErrors = {};
    for (const field of ['addressZh', 'addressEn'] as const) {
      const problem = addressProblem(this.form[field]);
      if (problem) out[field] = problem;
    }
    return out;
  }
}
