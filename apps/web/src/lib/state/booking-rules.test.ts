import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BookingSettingsView, PunctualityView, ServiceBookingRules } from '@tellerline/contracts';
import {
  ADVICE_MIN_APPOINTMENTS,
  BookingRulesEditor,
  canEditBookingRules,
  changedServices,
  issuesByService,
  meetsGoal,
  nextSharePct,
  punctualityPct,
  punctualityText,
  rebaseForms,
  rebaseSetting,
  toForm,
  toRules,
  validateForm,
  withWalkIns,
  type RuleForm,
} from './booking-rules.svelte.js';
import { translate } from '../i18n/translate.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

/** Rules as the GET answers them: the share in force filled in. */
const cash: ServiceBookingRules = { bookable: true, bufferBeforeMin: 0, bufferAfterMin: 5, walkIns: true, walkInShare: 0.25, channels: ['branch'] };
const wealth: ServiceBookingRules = { bookable: true, durationMin: 30, bufferBeforeMin: 10, bufferAfterMin: 0, walkIns: true, walkInShare: 0.25, channels: ['branch', 'video'] };
const loans: ServiceBookingRules = { bookable: false, bufferBeforeMin: 0, bufferAfterMin: 0, walkIns: false, walkInShare: 0, channels: ['branch'] };

describe('form values', () => {
  it('shows the share in whole percent and the other fields as they are', () => {
    expect(toForm(cash)).toEqual({ walkIns: true, sharePct: 25, bookable: true, bufferAfterMin: 5 });
    expect(toForm(loans)).toEqual({ walkIns: false, sharePct: 0, bookable: false, bufferAfterMin: 0 });
    expect(toForm({ ...cash, walkInShare: 0.29 }).sharePct).toBe(29);
  });

  it('turns a form back into the full rules, keeping the fields it does not edit', () => {
    const rules = toRules(wealth, { walkIns: true, sharePct: 50, bookable: false, bufferAfterMin: 15 });
    expect(rules).toEqual({ ...wealth, walkInShare: 0.5, bookable: false, bufferAfterMin: 15 });
    // Only the rules' own keys: the PUT's schema is strict.
    expect(Object.keys(rules).sort()).toEqual(Object.keys(wealth).sort());
  });

  it('keeps a share the form cannot show exactly when its percentage was not touched', () => {
    const odd = { ...cash, walkInShare: 1 / 3 };
    expect(toRules(odd, { ...toForm(odd), bookable: false }).walkInShare).toBe(1 / 3);
    expect(toRules(odd, { ...toForm(odd), sharePct: 40 }).walkInShare).toBe(0.4);
  });

  it('round-trips every whole percentage', () => {
    for (let pct = 0; pct <= 100; pct++) expect(toForm(toRules(cash, { ...toForm(cash), sharePct: pct })).sharePct).toBe(pct);
  });
});

describe('the walk-ins rule', () => {
  const form: RuleForm = { walkIns: true, sharePct: 40, bookable: true, bufferAfterMin: 0 };

  it('appointment only keeps nothing for walk-ins', () => {
    expect(withWalkIns(form, false)).toEqual({ ...form, walkIns: false, sharePct: 0 });
  });

  it('taking walk-ins again restores 25% when the share was 0, and keeps another share', () => {
    expect(withWalkIns(withWalkIns(form, false), true)).toEqual({ ...form, sharePct: 25 });
    expect(withWalkIns({ ...form, walkIns: false, sharePct: null }, true).sharePct).toBe(25);
    expect(withWalkIns({ ...form, walkIns: false, sharePct: 10 }, true).sharePct).toBe(10);
  });
});

describe('validation', () => {
  const ok: RuleForm = { walkIns: true, sharePct: 25, bookable: true, bufferAfterMin: 0 };

  it('accepts whole numbers in range', () => {
    expect(validateForm(ok)).toEqual({});
    expect(validateForm({ ...ok, sharePct: 0, bufferAfterMin: 120 })).toEqual({});
    expect(validateForm({ ...ok, sharePct: 100 })).toEqual({});
  });

  it('refuses out of range, fractions and empty inputs', () => {
    expect(validateForm({ ...ok, sharePct: 150 })).toEqual({ sharePct: 'bookingRules.invalid.share' });
    expect(validateForm({ ...ok, sharePct: -1 })).toEqual({ sharePct: 'bookingRules.invalid.share' });
    expect(validateForm({ ...ok, sharePct: 12.5 })).toEqual({ sharePct: 'bookingRules.invalid.share' });
    expect(validateForm({ ...ok, bufferAfterMin: 121, sharePct: null })).toEqual({ sharePct: 'bookingRules.invalid.share', bufferAfterMin: 'bookingRules.invalid.buffer' });
  });

  it('maps the server\'s field issues to the service and field', () => {
    expect(issuesByService([{ path: 'services.svc-a.walkInShare' }, { path: 'services.svc-b.bufferAfterMin' }, { path: 'services.svc-b.channels.0' }, { path: '(root)' }])).toEqual({
      'svc-a': { sharePct: 'bookingRules.invalid.share' },
      'svc-b': { bufferAfterMin: 'bookingRules.invalid.buffer' },
    });
    // SERVICE_UNREACHABLE: the service takes neither; both checkboxes are marked, with words naming it.
    expect(issuesByService([{ path: 'services.svc-d.walkIns' }, { path: 'services.svc-d.bookable' }])).toEqual({
      'svc-d': { walkIns: 'bookingRules.invalid.unreachable', bookable: 'bookingRules.invalid.unreachable' },
    });
    expect(translate('en', 'bookingRules.invalid.unreachable', { code: 'D', name: 'Wealth' })).toBe('D Wealth must take walk-ins, online bookings or both; otherwise no customer can get it.');
    expect(translate('zh', 'bookingRules.invalid.unreachable', { code: 'D', name: '理财' })).toBe('D 理财：至少要接受现场取号或可网上预约之一，否则没有客户能办理。');
  });

  it('lets managers and admins in, not staff', () => {
    expect(canEditBookingRules('manager')).toBe(true);
    expect(canEditBookingRules('admin')).toBe(true);
    expect(canEditBookingRules('staff')).toBe(false);
    expect(canEditBookingRules(undefined)).toBe(false);
  });
});

describe('only changed services', () => {
  const saved = { a: cash, d: wealth, c: loans };
  const forms = () => ({ a: toForm(cash), d: toForm(wealth), c: toForm(loans) });

  it('sends nothing when nothing changed', () => {
    expect(changedServices(saved, forms())).toEqual({});
  });

  it('sends each changed service with its full rules, and no other', () => {
    const f = forms();
    f.d = withWalkIns(f.d, false);
    f.a = { ...f.a, sharePct: 50 };
    expect(changedServices(saved, f)).toEqual({ a: { ...cash, walkInShare: 0.5 }, d: { ...wealth, walkIns: false, walkInShare: 0 } });
  });

  it('a change undone is no change', () => {
    const f = forms();
    f.a = withWalkIns(withWalkIns(f.a, false), true);
    expect(changedServices(saved, f)).toEqual({});
  });
});

describe('punctuality', () => {
  const view = (services: PunctualityView['services']): PunctualityView => ({ days: 28, fromDay: '2026-02-03', toDay: '2026-03-02', goal: 0.95, services });

  it('shows the share on time in whole percent, rounded down', () => {
    expect(punctualityPct({ appointments: 34, onTime: 31 })).toBe(91); // 91.18
    expect(punctualityPct({ appointments: 3, onTime: 2 })).toBe(66); // 66.67
    expect(punctualityPct({ appointments: 1000, onTime: 949 })).toBe(94); // 94.9: not the goal
    expect(punctualityPct({ appointments: 100, onTime: 29 })).toBe(29); // no float drift below
    expect(punctualityPct({ appointments: 7, onTime: 7 })).toBe(100);
  });

  it('meets the goal at 95% exactly, not a hair below', () => {
    expect(meetsGoal({ appointments: 20, onTime: 19 }, 0.95)).toBe(true);
    expect(meetsGoal({ appointments: 100, onTime: 95 }, 0.95)).toBe(true);
    expect(meetsGoal({ appointments: 1000, onTime: 949 }, 0.95)).toBe(false);
    expect(meetsGoal({ appointments: 40, onTime: 37 }, 0.95)).toBe(false);
  });

  it('names the next share the simulator would try', () => {
    expect(nextSharePct(0)).toBe(25);
    expect(nextSharePct(25)).toBe(34);
    expect(nextSharePct(30)).toBe(34);
    expect(nextSharePct(34)).toBe(50);
    expect(nextSharePct(50)).toBeNull();
  });

  it('words a service below the goal with advice, from 10 booked customers on', () => {
    expect(punctualityText(view({ a: { appointments: 34, onTime: 31 } }), 'a', cash)).toEqual({
      status: 'below',
      line: { key: 'bookingRules.punctuality.line', params: { days: 28, pct: 91, n: 34 } },
      advice: { key: 'bookingRules.punctuality.adviceShare', params: { goal: 95, share: 34 } },
    });
    expect(punctualityText(view({ a: { appointments: ADVICE_MIN_APPOINTMENTS, onTime: 9 } }), 'a', cash).advice).not.toBeNull();
    // Nine are too few to tell: the line, no advice.
    expect(punctualityText(view({ a: { appointments: ADVICE_MIN_APPOINTMENTS - 1, onTime: 5 } }), 'a', cash)).toEqual({
      status: 'below',
      line: { key: 'bookingRules.punctuality.line', params: { days: 28, pct: 55, n: 9 } },
      advice: null,
    });
  });

  it('advises a buffer where a larger share is not the lever', () => {
    const below = view({ a: { appointments: 40, onTime: 30 } });
    expect(punctualityText(below, 'a', { ...cash, walkInShare: 0.5 }).advice).toEqual({ key: 'bookingRules.punctuality.adviceBuffer', params: { goal: 95 } });
    expect(punctualityText(below, 'a', loans).advice).toEqual({ key: 'bookingRules.punctuality.adviceBuffer', params: { goal: 95 } });
    expect(punctualityText(below, 'a', { ...cash, walkInShare: 0.34 }).advice?.params.share).toBe(50);
  });

  it('reads as the managers see it, in both languages', () => {
    const below = punctualityText(view({ a: { appointments: 34, onTime: 31 } }), 'a', cash);
    const say = (lang: 'zh' | 'en', p: { key: string; params: Record<string, number> }) => translate(lang, p.key, p.params);
    expect(say('en', below.line)).toBe('Booked customers called on time, last 28 days: 91% of 34');
    expect(say('en', below.advice!)).toBe('Below the 95% goal: keep more staff for walk-ins (e.g. 34%), then add a buffer.');
    expect(say('zh', below.line)).toBe('近 28 天预约客户按时叫号：34 人中 91%');
    expect(say('zh', below.advice!)).toBe('低于 95% 目标：可提高为现场客户保留的比例（如 34%），再增加预约后的缓冲时间。');
    expect(say('en', punctualityText(view({}), 'a', cash).line)).toBe('No booked customers in the last 28 days.');
  });

  it('says when a service meets the goal, has no booked customers, or could not be read', () => {
    expect(punctualityText(view({ a: { appointments: 20, onTime: 19 } }), 'a', cash)).toEqual({
      status: 'meets',
      line: { key: 'bookingRules.punctuality.line', params: { days: 28, pct: 95, n: 20 } },
      advice: null,
    });
    expect(punctualityText(view({}), 'a', cash)).toEqual({ status: 'none', line: { key: 'bookingRules.punctuality.none', params: { days: 28 } }, advice: null });
    expect(punctualityText(null, 'a', cash)).toEqual({ status: 'unknown', line: { key: 'bookingRules.punctuality.unavailable', params: {} }, advice: null });
  });
});

// --- the editor against a stubbed fetch ---------------------------------------------------------

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const me = (role: string) => ({ userId: 'u1', username: 'mei', displayName: 'Mei', role, branchId: 'b1', staffId: null });
const branch = {
  id: 'b1',
  code: 'demo',
  name: { zh: '网点', en: 'Branch' },
  timezone: 'Asia/Shanghai',
  services: [
    { id: 'a', code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 10 },
    { id: 'd', code: 'D', name: { zh: '理财', en: 'Wealth' }, targetMin: 15 },
  ],
  counters: [],
};
const view: BookingSettingsView = { version: 3, settings: {} as BookingSettingsView['settings'], services: { a: cash, d: wealth }, rosters: {} };

/** Answers by method and path; records the bodies sent. */
function server(routes: Record<string, () => Response>) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  const fetch = vi.fn(async (path: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    sent.push({ method, path, body: init.body ? JSON.parse(init.body as string) : undefined });
    const answer = routes[`${method} ${path}`];
    return answer ? answer() : json(404, { error: { code: 'NOT_FOUND', message: 'no' } });
  });
  vi.stubGlobal('fetch', fetch);
  return sent;
}

const managerRoutes = (put: () => Response) => ({
  'GET /api/v1/auth/me': () => json(200, { data: me('manager') }),
  'GET /api/v1/branches/b1': () => json(200, { data: branch }),
  'GET /api/v1/branches/b1/booking/settings': () => json(200, { data: view }),
  'PUT /api/v1/branches/b1/booking/settings': put,
});

afterEach(() => {
  vi.unstubAllGlobals();
  goto.mockReset();
});

describe('BookingRulesEditor', () => {
  it('lets an admin (no branch of their own) choose the branch, the one named or else the first', async () => {
    const admin = { ...me('admin'), branchId: null };
    const branches = [{ id: 'b0', name: { zh: '总行', en: 'Head office' } }, { id: 'b1', name: branch.name }];
    const routes = { ...managerRoutes(() => json(500, {})), 'GET /api/v1/auth/me': () => json(200, { data: admin }), 'GET /api/v1/branches': () => json(200, { data: branches }) };
    const sent = server(routes);
    const editor = new BookingRulesEditor();
    await editor.start('b1');
    expect(editor.load).toBe('ready');
    expect(editor.branches.map((b) => b.id)).toEqual(['b0', 'b1']);
    expect(editor.branch?.id).toBe('b1');
    // An unknown id falls back to the first branch (b0 has no routes here: it fails to load, but it is the one asked for).
    await editor.start('nope');
    expect(sent.at(-1)!.path.startsWith('/api/v1/branches/b0')).toBe(true);
  });

  it('gives a manager no branch choice', async () => {
    server(managerRoutes(() => json(500, {})));
    const editor = new BookingRulesEditor();
    await editor.start('b0');
    expect(editor.branches).toEqual([]);
    expect(editor.branch?.id).toBe('b1');
  });

  it('loads the branch\'s services with their rules as forms', async () => {
    server(managerRoutes(() => json(500, {})));
    const editor = new BookingRulesEditor();
    await editor.start();
    expect(editor.load).toBe('ready');
    expect(editor.services.map((s) => s.code)).toEqual(['A', 'D']);
    expect(editor.forms.a).toEqual({ walkIns: true, sharePct: 25, bookable: true, bufferAfterMin: 5 });
    // No punctuality answer (404 here): the rules show, the line says it could not be read.
    expect(editor.punctuality).toBeNull();
    expect(editor.punctualityOf('a').status).toBe('unknown');
  });

  it('loads the last 28 days\' punctuality alongside the rules', async () => {
    const punctuality: PunctualityView = { days: 28, fromDay: '2026-02-03', toDay: '2026-03-02', goal: 0.95, services: { a: { appointments: 34, onTime: 31 } } };
    const sent = server({ ...managerRoutes(() => json(500, {})), 'GET /api/v1/branches/b1/booking/punctuality?days=28': () => json(200, { data: punctuality }) });
    const editor = new BookingRulesEditor();
    await editor.start();
    expect(editor.load).toBe('ready');
    expect(sent.map((s) => s.path)).toContain('/api/v1/branches/b1/booking/punctuality?days=28');
    expect(editor.punctualityOf('a')).toMatchObject({ status: 'below', advice: { params: { share: 34 } } });
    expect(editor.punctualityOf('d')).toMatchObject({ status: 'none' });
  });

  it('tells a staff member the screen is not theirs, without asking for the settings', async () => {
    const sent = server({ 'GET /api/v1/auth/me': () => json(200, { data: me('staff') }) });
    const editor = new BookingRulesEditor();
    await editor.start();
    expect(editor.load).toBe('forbidden');
    expect(sent.map((s) => s.path)).toEqual(['/api/v1/auth/me']);
  });

  it('sends a visitor to the login page', async () => {
    server({ 'GET /api/v1/auth/me': () => json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } }) });
    await new BookingRulesEditor().start();
    expect(goto).toHaveBeenCalledWith('/staff/login', { replaceState: true });
  });

  it('saves only the changed service, with its full rules, and shows the answer', async () => {
    const answer = { ...view, services: { a: cash, d: { ...wealth, walkIns: false, walkInShare: 0 } } };
    const sent = server(managerRoutes(() => json(200, { data: answer })));
    const editor = new BookingRulesEditor();
    await editor.start();
    editor.setWalkIns('d', false);
    expect(editor.forms.d).toMatchObject({ walkIns: false, sharePct: 0 });
    expect(editor.dirty).toBe(true);
    expect(await editor.save()).toBe(true);
    expect(sent.at(-1)).toEqual({ method: 'PUT', path: '/api/v1/branches/b1/booking/settings', body: { version: 3, services: { d: { ...wealth, walkIns: false, walkInShare: 0 } } } });
    expect(editor.notice).toBe('saved');
    expect(editor.saved.d).toEqual(answer.services.d);
    expect(editor.dirty).toBe(false);
  });

  it('after another save came first (STALE_SETTINGS): shows what is stored now, keeps what was typed, names the fields that differ, and saves again on the new version', async () => {
    // A colleague saved A's buffer (5 -> 10) and D's walk-ins off since this screen opened.
    const current = { ...view, version: 4, services: { a: { ...cash, bufferAfterMin: 10 }, d: { ...wealth, walkIns: false, walkInShare: 0 } } };
    let answer = json(409, { error: { code: 'STALE_SETTINGS', message: 'Someone changed these settings since you opened them', details: { current } } });
    const sent = server(managerRoutes(() => answer));
    const editor = new BookingRulesEditor();
    await editor.start();
    editor.setNumber('a', 'bufferAfterMin', '15');
    expect(await editor.save()).toBe(false);
    expect(sent.at(-1)!.body).toMatchObject({ version: 3 });
    expect(editor.error).toBe('STALE_SETTINGS');
    // A: the buffer typed (15) is kept over the stored 10; D, untouched here, shows the stored rules.
    expect(editor.forms.a).toEqual({ walkIns: true, sharePct: 25, bookable: true, bufferAfterMin: 15 });
    expect(editor.forms.d).toMatchObject({ walkIns: false, sharePct: 0 });
    expect(editor.differs).toEqual([{ serviceId: 'a', field: 'bufferAfterMin', stored: 10 }]);
    expect(editor.saved).toEqual(current.services);
    expect(editor.version).toBe(4);

    answer = json(200, { data: { ...current, version: 5, services: { ...current.services, a: { ...cash, bufferAfterMin: 15 } } } });
    expect(await editor.save()).toBe(true);
    // Only what the user changed goes, on the version the refusal gave: D's stored rules are not sent back.
    expect(sent.at(-1)!.body).toEqual({ version: 4, services: { a: { ...cash, bufferAfterMin: 15 } } });
    expect(editor.differs).toEqual([]);
    expect(editor.version).toBe(5);
  });

  it('never sends a save without the version the forms started from: with none, reads what is stored now and asks to check and save again', async () => {
    // As the server sends them (a STALE_SETTINGS refusal's copy is read through the contracts schema instead).
    const current = { ...view, version: 4, settings: { ...view.settings, closures: [] }, services: { a: { ...cash, bufferAfterMin: 10 }, d: wealth } };
    const routes = managerRoutes(() => json(200, { data: { ...current, version: 5 } }));
    const sent = server(routes);
    const editor = new BookingRulesEditor();
    await editor.start();
    routes['GET /api/v1/branches/b1/booking/settings'] = () => json(200, { data: current });
    // As with a draft kept without a version: nothing to save against.
    editor.version = null;
    editor.setNumber('a', 'bufferAfterMin', '15');
    const before = sent.length;
    expect(await editor.save()).toBe(false);
    expect(sent.slice(before).map((s) => `${s.method} ${s.path}`)).toEqual(['GET /api/v1/branches/b1/booking/settings']);
    expect([editor.error, editor.version, editor.forms.a?.bufferAfterMin]).toEqual(['STALE_SETTINGS', 4, 15]);
    expect(editor.differs).toEqual([{ serviceId: 'a', field: 'bufferAfterMin', stored: 10 }]);
    expect(await editor.save()).toBe(true);
    expect(sent.at(-1)).toEqual({ method: 'PUT', path: '/api/v1/branches/b1/booking/settings', body: { version: 4, services: { a: { ...cash, bufferAfterMin: 15 } } } });
  });

  it('a STALE_SETTINGS refusal whose details do not parse shows the message and keeps the forms as they were', async () => {
    server(managerRoutes(() => json(409, { error: { code: 'STALE_SETTINGS', message: 'stale', details: { current: 'nonsense' } } })));
    const editor = new BookingRulesEditor();
    await editor.start();
    editor.setNumber('a', 'bufferAfterMin', '15');
    expect(await editor.save()).toBe(false);
    expect(editor.error).toBe('STALE_SETTINGS');
    expect(editor.forms.a?.bufferAfterMin).toBe(15);
    expect(editor.version).toBe(3);
  });

  it('refuses an invalid share in the browser: a message at the field, nothing sent', async () => {
    const sent = server(managerRoutes(() => json(200, { data: view })));
    const editor = new BookingRulesEditor();
    await editor.start();
    editor.setNumber('a', 'sharePct', '150');
    expect(editor.errors.a?.sharePct).toBe('bookingRules.invalid.share');
    expect(await editor.save()).toBe(false);
    expect(editor.error).toBe('VALIDATION_FAILED');
    expect(sent.some((s) => s.method === 'PUT')).toBe(false);
    editor.setNumber('a', 'sharePct', '30');
    expect(editor.errors.a?.sharePct).toBeUndefined();
  });

  it('says so when there is nothing to save', async () => {
    const sent = server(managerRoutes(() => json(200, { data: view })));
    const editor = new BookingRulesEditor();
    await editor.start();
    expect(await editor.save()).toBe(true);
    expect(editor.notice).toBe('nothing');
    expect(sent.some((s) => s.method === 'PUT')).toBe(false);
  });

  it('shows the server\'s refusal and its field issues next to the fields', async () => {
    server(managerRoutes(() => json(400, { error: { code: 'VALIDATION_FAILED', message: 'bad', issues: [{ path: 'services.a.bufferAfterMin', message: 'Too big' }] } })));
    const editor = new BookingRulesEditor();
    await editor.start();
    editor.setNumber('a', 'bufferAfterMin', '30');
    expect(await editor.save()).toBe(false);
    expect(editor.error).toBe('VALIDATION_FAILED');
    expect(editor.errors).toEqual({ a: { bufferAfterMin: 'bookingRules.invalid.buffer' } });
    // The form keeps what was typed, to be corrected.
    expect(editor.forms.a?.bufferAfterMin).toBe(30);
  });

  it('keeps a FORBIDDEN save as the error code', async () => {
    server(managerRoutes(() => json(403, { error: { code: 'FORBIDDEN', message: 'Your role may not do this' } })));
    const editor = new BookingRulesEditor();
    await editor.start();
    editor.setBookable('a', false);
    expect(await editor.save()).toBe(false);
    expect(editor.error).toBe('FORBIDDEN');
    expect(editor.notice).toBeNull();
  });
});

describe('rebaseForms', () => {
  const before = { a: cash, d: wealth };
  it('keeps each field the user changed, takes every other from the stored rules, and lists where the two differ', () => {
    const forms = { a: { ...toForm(cash), sharePct: 40 }, d: toForm(wealth) };
    const current = { a: { ...cash, walkInShare: 0.3, bufferAfterMin: 10 }, d: { ...wealth, bookable: false } };
    const { forms: out, differs } = rebaseForms(before, forms, current);
    expect(out.a).toEqual({ walkIns: true, sharePct: 40, bookable: true, bufferAfterMin: 10 });
    expect(out.d).toEqual(toForm(current.d));
    expect(differs).toEqual([{ serviceId: 'a', field: 'sharePct', stored: 30 }]);
  });

  it('names nothing when the user typed what is stored now, and adds a service that appeared meanwhile as stored', () => {
    const forms = { a: { ...toForm(cash), bufferAfterMin: 10 } };
    const current = { a: { ...cash, bufferAfterMin: 10 }, d: wealth };
    const { forms: out, differs } = rebaseForms({ a: cash }, forms, current);
    expect(differs).toEqual([]);
    expect(out.d).toEqual(toForm(wealth));
    expect(changedServices(current, out)).toEqual({});
  });
});

describe('confirming contacts by a code (the branch settings, one switch per channel)', () => {
  const settings = { enabled: true, slotStepMin: 15, minNoticeMin: 60, maxDaysAhead: 30, maxActivePerCustomer: 2, checkInEarlyMin: 30, checkInLateMin: 15, remoteQueue: false, verifyPhone: false, verifyEmail: false, walkInEarlyMin: 30, closures: [] };
  const withSettings = { ...view, settings };

  it('shows the stored setting, and saves a switch with the branch settings whole, on the version read', async () => {
    let answer = json(200, { data: { ...withSettings, version: 4, settings: { ...settings, verifyPhone: true } } });
    const sent = server({ ...managerRoutes(() => answer), 'GET /api/v1/branches/b1/booking/settings': () => json(200, { data: withSettings }) });
    const editor = new BookingRulesEditor();
    await editor.start();
    expect([editor.verify, editor.dirty]).toEqual([{ verifyPhone: false, verifyEmail: false }, false]);
    editor.setVerify('verifyPhone', true);
    expect(editor.dirty).toBe(true);
    expect(await editor.save()).toBe(true);
    expect(sent.at(-1)).toEqual({ method: 'PUT', path: '/api/v1/branches/b1/booking/settings', body: { version: 3, services: {}, settings: { ...settings, verifyPhone: true } } });
    expect([editor.verify.verifyPhone, editor.dirty, editor.version]).toEqual([true, false, 4]);
    // Service rules changed alone send no settings.
    answer = json(200, { data: { ...withSettings, version: 5, settings: { ...settings, verifyPhone: true } } });
    editor.setBookable('a', false);
    await editor.save();
    expect(sent.at(-1)!.body).not.toHaveProperty('settings');
  });

  it('after STALE_SETTINGS keeps the switch the manager made and names it when the stored one differs', async () => {
    const current = { ...withSettings, version: 4, settings: { ...settings, verifyPhone: false, minNoticeMin: 120 } };
    server({ ...managerRoutes(() => json(409, { error: { code: 'STALE_SETTINGS', message: 'stale', details: { current } } })), 'GET /api/v1/branches/b1/booking/settings': () => json(200, { data: withSettings }) });
    const editor = new BookingRulesEditor();
    await editor.start();
    editor.setVerify('verifyPhone', true);
    expect(await editor.save()).toBe(false);
    expect([editor.verify.verifyPhone, editor.verifyStored, editor.version, editor.savedSettings?.minNoticeMin]).toEqual([true, { verifyPhone: false }, 4, 120]);
  });

  it('switches e-mail checks on alone, leaving the phone switch as stored', async () => {
    const stored = { ...settings, verifyPhone: true };
    const sent = server({ ...managerRoutes(() => json(200, { data: { ...withSettings, version: 4, settings: { ...stored, verifyEmail: true } } })), 'GET /api/v1/branches/b1/booking/settings': () => json(200, { data: { ...withSettings, settings: stored } }) });
    const editor = new BookingRulesEditor();
    await editor.start();
    editor.setVerify('verifyEmail', true);
    expect(await editor.save()).toBe(true);
    expect(sent.at(-1)!.body).toMatchObject({ settings: { verifyPhone: true, verifyEmail: true } });
    expect(editor.verify).toEqual({ verifyPhone: true, verifyEmail: true });
  });

  it('reads a settings answer without the e-mail switch (an older server) as off', async () => {
    const { verifyEmail: _gone, ...older } = settings;
    server({ ...managerRoutes(() => json(500, {})), 'GET /api/v1/branches/b1/booking/settings': () => json(200, { data: { ...withSettings, settings: older } }) });
    const editor = new BookingRulesEditor();
    await editor.start();
    expect([editor.verify, editor.dirty]).toEqual([{ verifyPhone: false, verifyEmail: false }, false]);
  });

  it('rebaseSetting: the user\'s switch wins, an untouched one follows what is stored', () => {
    expect(rebaseSetting(false, true, false)).toEqual({ value: true, differs: true });
    expect(rebaseSetting(false, false, true)).toEqual({ value: true, differs: false });
    expect(rebaseSetting(false, true, true)).toEqual({ value: true, differs: false });
  });

  it('has its words in both languages', () => {
    for (const lang of ['zh', 'en'] as const) for (const key of ['bookingRules.verifyPhone', 'bookingRules.verifyPhoneHint', 'bookingRules.verifyEmail', 'bookingRules.verifyEmailHint', 'bookingRules.stale.verifyEmail', 'audit.detail.setting.verifyEmail']) expect(translate(lang, key)).not.toBe(key);
  });
});
