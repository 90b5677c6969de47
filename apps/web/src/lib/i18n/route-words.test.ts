/**
 * A screen downloads only the words of its route: the shared ones (`common`, in `messages/index.ts`)
 * and the message files its route registers (`export const load = withWords(phone, help)`). A key
 * it uses from any other file would show raw ("phone.survey.thanks") on a phone. These tests read
 * each customer route (every route outside /staff, with its layouts) and every module it imports,
 * and check each key they can ask for against the message files that route imports.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { Messages } from './messages/lang.js';
import { phoneSurvey } from './messages/phone-survey.js';
import { staffScreens } from './messages/staff-screens.js';

const SRC = fileURLToPath(new URL('../../', import.meta.url));
const ROUTES = join(SRC, 'routes');
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

/** A page's route files: its own (+page.svelte, +page.ts) and those of the layouts around it. */
function routeFiles(pageDir: string): string[] {
  const files: string[] = [];
  for (let dir = pageDir; dir.startsWith(ROUTES); dir = dirname(dir)) {
    for (const name of readdirSync(dir)) if ((dir === pageDir && name.startsWith('+page.')) || name.startsWith('+layout.')) files.push(join(dir, name));
  }
  return files;
}

/**
 * The modules a page's download holds (types only excepted: not in the bundle): the app's code,
 * whose keys are asked for, and the message files, whose words the page has.
 */
function pageModules(pageDir: string): { code: string[]; messages: string[] } {
  const seen = new Set<string>();
  const queue = routeFiles(pageDir);
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const imports = code(file).matchAll(/\b(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g);
    for (const [, typeOnly, spec, dynamicSpec] of imports) {
      if (typeOnly) continue;
      const found = resolveImport(file, (spec ?? dynamicSpec)!);
      if (found) queue.push(found);
    }
  }
  const all = [...seen];
  // index.ts holds the registry, not words of its own: its shared words are common.ts, which it imports.
  const isWords = (f: string) => f.startsWith(MESSAGES) && !['index.ts', 'lang.ts'].includes(relative(MESSAGES, f));
  return { code: all.filter((f) => !f.startsWith(MESSAGES)), messages: all.filter(isWords) };
}

/** The keys of a message file's exports (`{ zh, en }`). */
async function keysOf(file: string): Promise<string[]> {
  const exported = Object.values(await import(/* @vite-ignore */ file)) as unknown[];
  return exported.flatMap((v) => (v && typeof v === 'object' && 'zh' in v && 'en' in v ? Object.keys((v as Messages).zh) : []));
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

/** A key and the variants of it `translate` may choose instead (`.bare`, `.fromZero`, `.same`: see translate.ts). */
function variants(key: string, known: Set<string>): string[] {
  const all = [key];
  for (const base of [key, `${key}.bare`]) if (known.has(base)) for (const v of [`${base}.bare`, `${base}.fromZero`, `${base}.same`]) if (known.has(v) && !all.includes(v)) all.push(v);
  return all;
}

const messageFiles = readdirSync(MESSAGES).filter((f) => !['index.ts', 'lang.ts', 'staff-screens.ts'].includes(f));

describe('the words of each customer screen', () => {
  it('has every key its route and the modules it imports can ask for', async () => {
    const known = new Set((await Promise.all(messageFiles.map((f) => keysOf(join(MESSAGES, f))))).flat());
    const pages = filesUnder(ROUTES)
      .filter((f) => f.endsWith('+page.svelte') && !relative(ROUTES, f).startsWith('staff'))
      .map((f) => dirname(f));
    // The scan reads what it should: every customer page, its components and state modules.
    expect(pages.map((p) => relative(ROUTES, p)).sort()).toEqual(['', 'a/[manageToken]', 'book', 'consent/[token]', 'help', 'join', 'kiosk', 't/[token]']);
    const missing: string[] = [];
    for (const page of pages) {
      const modules = pageModules(page);
      const has = new Set((await Promise.all(modules.messages.map(keysOf))).flat());
      // translate.ts asks for the variants of any key it is given (`variants` below lists them).
      const asked = modules.code.filter((m) => m !== join(SRC, 'lib/i18n/translate.ts')).flatMap((m) => keysAsked(m, known));
      // `translate` may say a key by its variants: `.bare` for a named counter ("请到 一号窗"), `.fromZero` for a wait from 0, `.same` for one whose ends agree.
      const withVariants = asked.flatMap((a) => variants(a.key, known).map((key) => ({ key, why: key === a.key ? a.why : `${a.why} (${key.slice(a.key.length)})` })));
      if (relative(ROUTES, page) === 't/[token]') {
        expect(modules.code.map((m) => relative(SRC, m))).toContain('lib/components/phone/SurveyPanel.svelte');
        expect(modules.code.some((m) => m.includes('components/staff/QueueList'))).toBe(false);
        expect(withVariants.length).toBeGreaterThan(150);
      }
      for (const a of withVariants) if (!has.has(a.key)) missing.push(`/${relative(ROUTES, page)}: ${a.key}  ← ${a.why}`);
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('each message file has the same keys in Chinese and English, and no key is in two files', async () => {
    const owner = new Map<string, string>();
    for (const f of messageFiles) {
      const mod = (await import(/* @vite-ignore */ join(MESSAGES, f))) as Record<string, Messages>;
      for (const set of Object.values(mod)) {
        expect(Object.keys(set.en).sort(), f).toEqual(Object.keys(set.zh).sort());
        for (const k of Object.keys(set.zh)) {
          expect(owner.get(k), `${k} in ${f}`).toBeUndefined();
          owner.set(k, f);
        }
      }
    }
    // The staff screens have every word.
    expect(Object.keys(staffScreens.zh).length + Object.keys((await import('./messages/common.js')).common.zh).length).toBe(owner.size);
  });

  it('a screen has the shared words, and its own once its route registered them, synchronously', async () => {
    // A fresh copy of the modules: the test setup has registered every word in the shared one.
    vi.resetModules();
    const { translate } = await import('./translate.js');
    const { withWords } = await import('./messages/index.js');
    expect(translate('en', 'app.name')).not.toBe('app.name');
    expect(translate('en', 'phone.survey.thanks')).toBe('phone.survey.thanks');
    withWords(phoneSurvey)();
    expect(translate('en', 'phone.survey.thanks')).toBe('Thank you for your feedback!');
    expect(translate('zh', 'phone.survey.thanks')).toBe('感谢您的评价！');
    expect(translate('en', 'staff.title')).toBe('staff.title');
    withWords(staffScreens)();
    expect(translate('en', 'staff.title')).toBe('Staff panel');
  });
});
