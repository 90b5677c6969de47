/**
 * A customer's screens download only `customerScreens`: any key they use from the staff screens'
 * words would show raw ("phone.survey.thanks") on a phone. These tests read the customer routes
 * (every route outside /staff) and every module they import, and check each key they can ask for.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { customerScreens } from './messages/customer-screens.js';
import { staffScreens } from './messages/staff-screens.js';

const SRC = fileURLToPath(new URL('../../', import.meta.url));
const MESSAGES = join(SRC, 'lib/i18n/messages');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** `$lib/x.js` or `./x.js` to its file; null for a package (they hold no dictionary keys). */
function resolveImport(from: string, spec: string): string | null {
  let path: string;
  if (spec.startsWith('$lib/')) path = join(SRC, 'lib', spec.slice('$lib/'.length));
  else if (spec.startsWith('.')) path = resolve(dirname(from), spec);
  else return null;
  for (const candidate of [path, path.replace(/\.js$/, '.ts'), `${path}.ts`, join(path, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${relative(SRC, from)}: cannot find ${spec}`);
}

/** Without comments, whose words ("`error.<CODE>`") are not keys asked for. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(^|\s)\/\/.*$/gm, '$1');
}

/** The customer routes and every module of the app they import (types only excepted: not in the bundle). */
function customerModules(): string[] {
  const routes = filesUnder(join(SRC, 'routes')).filter((f) => !relative(SRC, f).startsWith(join('routes', 'staff')));
  const seen = new Set<string>();
  const queue = [...routes];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || file.startsWith(MESSAGES)) continue;
    seen.add(file);
    const imports = code(file).matchAll(/\b(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g);
    for (const [, typeOnly, spec, dynamicSpec] of imports) {
      if (typeOnly) continue;
      const found = resolveImport(file, (spec ?? dynamicSpec)!);
      if (found) queue.push(found);
    }
  }
  return [...seen];
}

const KEY_PREFIX = /^[a-zA-Z][\w-]*(\.[\w-]+)*\.$/;

/**
 * Every key a module can ask for, with where: a literal that is a key of either set (as `t('…')`
 * takes it, or in a map of keys), a literal passed to `t(…)`/`translate(lang, …)` even if no set
 * has it, and every key a computed one can be (`phone.finished.${status}`: all keys from that
 * prefix and with that ending).
 */
function keysAsked(file: string, known: Set<string>): { key: string; why: string }[] {
  const src = code(file);
  const where = relative(SRC, file);
  const found: { key: string; why: string }[] = [];
  for (const [, key] of src.matchAll(/\bt\(\s*'([^']+)'/g)) found.push({ key: key!, why: `${where}: t('${key}')` });
  for (const [, key] of src.matchAll(/\btranslate\(\s*[\w.]+\s*,\s*'([^']+)'/g)) found.push({ key: key!, why: `${where}: translate(…, '${key}')` });
  for (const [, single, double, template] of src.matchAll(/'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`]*)`/g)) {
    const text = (single ?? double ?? template)!;
    if (template === undefined || !text.includes('${')) {
      if (known.has(text)) found.push({ key: text, why: `${where}: '${text}'` });
      continue;
    }
    const prefix = text.slice(0, text.indexOf('${'));
    const suffix = text.slice(text.lastIndexOf('}') + 1);
    if (KEY_PREFIX.test(prefix)) {
      const matching = [...known].filter((k) => k.startsWith(prefix) && k.endsWith(suffix));
      // A prefix no key has would show raw whatever it is completed with.
      if (matching.length === 0) found.push({ key: `${prefix}…${suffix}`, why: `${where}: \`${text}\`` });
      for (const key of matching) found.push({ key, why: `${where}: \`${text}\`` });
    } else if (prefix === '' && text.split(/\$\{[^}]*\}/).some((part) => /^\.[\w-]+(\.[\w-]+)*\.?$/.test(part))) {
      // `${screen}.error.${code}`: its keys cannot be listed from here; give it a literal prefix.
      found.push({ key: text, why: `${where}: a key computed without a literal prefix` });
    }
  }
  return found;
}

describe('the customer screens’ words', () => {
  const customer = new Set(Object.keys(customerScreens.zh));
  const known = new Set([...customer, ...Object.keys(staffScreens.zh)]);

  it('has every key the customer routes and the modules they import can ask for', () => {
    const modules = customerModules();
    // The scan reads what it should (a route, a component, a state module).
    for (const f of ['routes/t/[token]/+page.svelte', 'lib/components/phone/SurveyPanel.svelte', 'lib/state/kiosk-hours.ts']) expect(modules.map((m) => relative(SRC, m))).toContain(f);
    expect(modules.some((m) => relative(SRC, m).includes('components/staff/QueueList'))).toBe(false);

    const asked = modules.flatMap((m) => keysAsked(m, known));
    // A counter message is said by its `.bare` variant for a named counter ("请到 一号窗").
    const withBare = asked.flatMap((a) => (known.has(`${a.key}.bare`) ? [a, { key: `${a.key}.bare`, why: `${a.why} (.bare)` }] : [a]));
    expect(withBare.length).toBeGreaterThan(300);
    const missing = withBare.filter((a) => !customer.has(a.key)).map((a) => `${a.key}  ← ${a.why}`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('are in both languages, and no key is in both sets (the staff set only adds)', () => {
    for (const set of [customerScreens, staffScreens]) expect(Object.keys(set.zh).sort()).toEqual(Object.keys(set.en).sort());
    expect(Object.keys(staffScreens.zh).filter((k) => customer.has(k))).toEqual([]);
  });

  it('a screen has only the customers’ words until the staff screens’ are loaded, then all, synchronously', async () => {
    // A fresh copy of the modules: the test setup has loaded the staff words into the shared one.
    vi.resetModules();
    const { translate } = await import('./translate.js');
    const { registerMessages } = await import('./messages/index.js');
    expect(translate('zh', 'phone.survey.thanks')).toBe(customerScreens.zh['phone.survey.thanks']);
    expect(translate('en', 'staff.title')).toBe('staff.title');
    registerMessages(staffScreens);
    expect(translate('en', 'staff.title')).toBe('Staff panel');
    expect(translate('zh', 'staff.title')).toBe('柜员工作台');
    expect(translate('en', 'phone.survey.thanks')).toBe(customerScreens.en['phone.survey.thanks']);
  });
});
