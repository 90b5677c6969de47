import type { BranchInfo, DeviceKind, DeviceView, Me, PairedDevice } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
import { canManageDevices, nameIssue, nameProblem, sortDevices, withDevice } from './devices-logic.js';
import { openingFailed, openManagerScreen, screenRequest, type ManagerLoad } from './manager-screen.js';
import { signInAgain } from './sign-in-again.js';
import { AUTH_CODES, codeOf } from './staff-errors.js';

type BranchChoice = { id: string; name: BranchInfo['name'] };

/** What the screen last did, for the live region (a dictionary key under `devices.notice.`). */
export type DeviceNotice = { key: 'paired' | 'rePaired' | 'revoked'; name: string };

/**
 * The kiosks and lobby screens screen (/staff/devices): loads who I am and the branch's devices;
 * pairs a new one, unpairs one, gives one a new pairing link. A new link (its token) is kept in
 * memory only, in `link`, until the manager closes it: the server shows it this once.
 * Errors are codes and notices dictionary keys, translated by the page.
 */
export class DeviceManager {
  load = $state<ManagerLoad>('loading');
  me = $state<Me | null>(null);
  branch = $state<BranchInfo | null>(null);
  /** Every branch, for an admin (no branch of their own) to choose from; empty for a manager. */
  branches = $state<BranchChoice[]>([]);
  devices = $state<DeviceView[]>([]);
  /** The pairing just made (new or re-paired): shown once, then dropped. */
  link = $state<PairedDevice | null>(null);
  /** How `link` was made: a new screen, or a new link for one already listed. */
  linkFrom = $state<'paired' | 'rePaired'>('paired');

  // The "pair a new screen" form.
  kind = $state<DeviceKind>('kiosk');
  name = $state('');
  /** Dictionary key of the problem with the name, once the form was sent (or while correcting it). */
  nameError = $state<string | null>(null);
  private tried = false;

  /** A request is under way (buttons are disabled meanwhile). */
  busy = $state(false);
  /** The last refusal's code (VALIDATION_FAILED for the browser's own check too). */
  error = $state<string | null>(null);
  notice = $state<DeviceNotice | null>(null);

  private branchId = (): string => this.branch!.id;
  private path = (rest = ''): string => `/api/v1/branches/${encodeURIComponent(this.branchId())}/devices${rest}`;

  /** `branchId`: an admin (no branch of their own) may name one; else the first branch. */
  async start(branchId: string | null = null): Promise<void> {
    this.load = 'loading';
    this.link = null;
    this.error = null;
    this.notice = null;
    try {
      const opened = await openManagerScreen<BranchChoice>(canManageDevices, branchId);
      this.me = opened.me;
      this.branches = opened.branches;
      if ('load' in opened) {
        this.load = opened.load;
        return;
      }
      const id = opened.branchId;
      const [branch, devices] = await Promise.all([
        api<BranchInfo>('GET', `/api/v1/branches/${encodeURIComponent(id)}`),
        api<DeviceView[]>('GET', `/api/v1/branches/${encodeURIComponent(id)}/devices`),
      ]);
      this.branch = branch;
      this.devices = sortDevices(devices);
      this.load = 'ready';
    } catch (err) {
      this.load = (await openingFailed(err)) ?? this.load;
    }
  }

  /** The list again, quietly (last seen moves on): a failure keeps the list shown. */
  async refresh(): Promise<void> {
    if (this.load !== 'ready' || !this.branch) return;
    try {
      this.devices = sortDevices(await api<DeviceView[]>('GET', this.path()));
    } catch (err) {
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) await signInAgain(code);
      else if (code === 'FORBIDDEN') this.load = 'forbidden';
    }
  }

  setName(text: string): void {
    this.name = text;
    // Not scolded while typing the first time; once sent, the problem follows the text.
    if (this.tried) this.nameError = nameProblem(text);
  }

  /** Pairs a new screen from the form. Resolves true when paired (`link` then holds the link). */
  async pair(): Promise<boolean> {
    if (this.busy || !this.branch) return false;
    this.tried = true;
    this.error = null;
    this.notice = null;
    this.nameError = nameProblem(this.name);
    if (this.nameError) {
      this.error = 'VALIDATION_FAILED';
      return false;
    }
    const paired = await this.run(() => api<PairedDevice>('POST', this.path(), { kind: this.kind, name: this.name.trim() }));
    if (!paired) return false;
    this.name = '';
    this.tried = false;
    this.shown(paired, 'paired');
    return true;
  }

  /** Unpairs a screen at once. Resolves true when done. */
  async revoke(device: DeviceView): Promise<boolean> {
    if (this.busy || !this.branch) return false;
    this.error = null;
    this.notice = null;
    const done = await this.run(() => api<DeviceView>('POST', this.path(`/${encodeURIComponent(device.id)}/revoke`)));
    if (!done) return false;
    this.devices = withDevice(this.devices, done);
    // A link shown for this screen no longer works: do not leave it on screen.
    if (this.link?.device.id === done.id) this.link = null;
    this.notice = { key: 'revoked', name: done.name };
    return true;
  }

  /** A new pairing link for a screen (the old one stops working). Resolves true when made. */
  async rePair(device: DeviceView): Promise<boolean> {
    if (this.busy || !this.branch) return false;
    this.error = null;
    this.notice = null;
    const paired = await this.run(() => api<PairedDevice>('POST', this.path(`/${encodeURIComponent(device.id)}/re-pair`)));
    if (!paired) return false;
    this.shown(paired, 'rePaired');
    return true;
  }

  /** The manager is done with the link: it is not kept anywhere. */
  closeLink(): void {
    this.link = null;
  }

  private shown(paired: PairedDevice, key: DeviceNotice['key']): void {
    this.devices = withDevice(this.devices, paired.device);
    this.link = paired;
    this.linkFrom = key === 'rePaired' ? 'rePaired' : 'paired';
    this.notice = { key, name: paired.device.name };
  }

  /** One request with the screen's error handling: null when refused (then `error` says why). */
  private run<T>(request: () => Promise<T>): Promise<T | null> {
    return screenRequest(this, request, (code, err) => {
      if (code === 'VALIDATION_FAILED') this.nameError = nameIssue(err instanceof ApiFailure ? (err.issues ?? []) : []);
      // Gone meanwhile (another manager, another tab): show the list as it is now.
      if (code === 'NOT_FOUND') void this.refresh();
    });
  }
}
