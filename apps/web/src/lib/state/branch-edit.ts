import { StaleBranchDetails, type BranchAddressBody, type BranchListItem, type BranchPatchBody, type ExpectedBranchFields, type OpeningHoursBody } from '@tellerline/contracts';
import { WEEKDAYS, type BranchForm } from './setup-logic.js';

/** A dialog field the person can change on a branch (the code is fixed). */
export type BranchEditField = 'nameZh' | 'nameEn' | 'timezone' | 'addressZh' | 'addressEn' | 'pilot' | 'hours';

type Hours = BranchListItem['openingHours'];

/** Same weekly hours: every day the same intervals in time order. */
export function sameHours(a: Hours, b: Hours): boolean {
  const day = (h: Hours, d: (typeof WEEKDAYS)[number]) => JSON.stringify([...(h[d] ?? [])].sort((x, y) => (x.open < y.open ? -1 : 1)).map((w) => [w.open, w.close]));
  return WEEKDAYS.every((d) => day(a, d) === day(b, d));
}

/** The dialog's value of each field, beside the branch's. */
function valuesOf(b: BranchListItem): Record<Exclude<BranchEditField, 'hours'>, string | boolean> {
  return { nameZh: b.name.zh, nameEn: b.name.en, timezone: b.timezone, addressZh: b.address.zh ?? '', addressEn: b.address.en ?? '', pilot: b.pilot };
}

/** The fields the person changed in the dialog, against the branch as the dialog opened on it. */
export function touchedFields(opened: BranchListItem, form: BranchForm, hours: OpeningHoursBody): BranchEditField[] {
  const was = valuesOf(opened);
  const now: Record<string, string | boolean> = {
    nameZh: form.nameZh.trim(),
    nameEn: form.nameEn.trim(),
    timezone: form.timezone.trim(),
    addressZh: form.addressZh.trim(),
    addressEn: form.addressEn.trim(),
    pilot: form.pilot,
  };
  const out = (Object.keys(was) as (keyof typeof was)[]).filter((f) => was[f] !== now[f]) as BranchEditField[];
  return sameHours(opened.openingHours, hours) ? out : [...out, 'hours'];
}

/** The form's address as the server takes it: each language trimmed, null when left empty. */
export function formAddress(form: Pick<BranchForm, 'addressZh' | 'addressEn'>): BranchAddressBody {
  return { zh: form.addressZh.trim() || null, en: form.addressEn.trim() || null };
}

/**
 * The PATCH body of an edit: only the fields the person changed, each with the value the dialog
 * showed in `expected`, so a colleague's save of any other field is kept and one of the same
 * field is refused (STALE_BRANCH) rather than overwritten. Null when nothing changed.
 */
export function branchPatch(opened: BranchListItem, form: BranchForm, hours: OpeningHoursBody): BranchPatchBody | null {
  const touched = touchedFields(opened, form, hours);
  if (touched.length === 0) return null;
  const fields: Omit<BranchPatchBody, 'expected'> = {};
  const expected: ExpectedBranchFields = {};
  if (touched.includes('nameZh') || touched.includes('nameEn')) {
    fields.name = { zh: form.nameZh.trim(), en: form.nameEn.trim() };
    expected.name = opened.name;
  }
  if (touched.includes('timezone')) {
    fields.timezone = form.timezone.trim();
    expected.timezone = opened.timezone;
  }
  if (touched.includes('addressZh') || touched.includes('addressEn')) {
    fields.address = formAddress(form);
    expected.address = opened.address;
  }
  if (touched.includes('pilot')) {
    fields.pilot = form.pilot;
    expected.pilot = opened.pilot;
  }
  if (touched.includes('hours')) {
    fields.openingHours = hours;
    expected.openingHours = opened.openingHours as OpeningHoursBody;
  }
  return { ...fields, expected };
}

/**
 * After STALE_BRANCH: the dialog on what is stored now, with the person's own changes kept. The
 * fields they did not touch take the colleague's values (so saving again cannot undo them);
 * `conflicts` are the fields both changed, shown with the value stored now.
 */
export function rebased(opened: BranchListItem, current: BranchListItem, form: BranchForm, hours: OpeningHoursBody): { form: BranchForm; hours: Hours; conflicts: BranchEditField[] } {
  const touched = touchedFields(opened, form, hours);
  const was = valuesOf(opened);
  const now = valuesOf(current);
  const keep = (f: Exclude<BranchEditField, 'hours'>) => touched.includes(f);
  return {
    form: {
      code: current.code,
      nameZh: keep('nameZh') ? form.nameZh : current.name.zh,
      nameEn: keep('nameEn') ? form.nameEn : current.name.en,
      timezone: keep('timezone') ? form.timezone : current.timezone,
      addressZh: keep('addressZh') ? form.addressZh : (current.address.zh ?? ''),
      addressEn: keep('addressEn') ? form.addressEn : (current.address.en ?? ''),
      pilot: keep('pilot') ? form.pilot : current.pilot,
    },
    hours: touched.includes('hours') ? hours : current.openingHours,
    conflicts: touched.filter((f) => (f === 'hours' ? !sameHours(opened.openingHours, current.openingHours) : was[f] !== now[f])),
  };
}

/** The branch stored now, from a STALE_BRANCH refusal's details (null for any other refusal, or details that do not parse). */
export function staleBranch(refusal: { code: string; details: unknown } | null | undefined): BranchListItem | null {
  if (refusal?.code !== 'STALE_BRANCH') return null;
  const parsed = StaleBranchDetails.safeParse(refusal.details);
  return parsed.success ? parsed.data.current : null;
}
