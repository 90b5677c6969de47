/**
 * A small checker for the JSON Schema subset the OpenAPI document uses (zod-to-openapi output):
 * no validator library is a dependency of the server, and adding one for tests alone is not
 * worth it. A keyword it does not know fails loudly, so a schema it cannot judge never passes.
 */

export type Schema = Record<string, unknown>;

/** Keywords that describe and do not constrain. */
const ANNOTATIONS = new Set(['description', 'default', 'format', 'title', 'example', 'examples', 'deprecated', 'readOnly', 'writeOnly']);
const KNOWN = new Set([
  ...ANNOTATIONS,
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'anyOf',
  'oneOf',
  'allOf',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  '$ref',
]);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Problems of `value` against `schema` (empty: it conforms); `root` resolves `$ref`s. */
export function check(schema: Schema, value: unknown, root: Schema = schema, at = '$'): string[] {
  const unknown = Object.keys(schema).filter((k) => !KNOWN.has(k));
  if (unknown.length) return [`${at}: the checker does not know ${unknown.join(', ')}`];
  const out: string[] = [];
  const fail = (msg: string) => out.push(`${at}: ${msg}`);
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref.replace(/^#\//, '').split('/').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], root);
    if (!target) return [`${at}: unresolved ${schema.$ref}`];
    out.push(...check(target as Schema, value, root, at));
  }
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types = ([] as unknown[]).concat(schema.type);
    if (!types.some((x) => x === t || (x === 'number' && t === 'integer'))) fail(`expected ${types.join('|')}, got ${t}`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) fail(`${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && schema.const !== value) fail(`expected ${JSON.stringify(schema.const)}`);
  if (t === 'number' || t === 'integer') {
    const n = value as number;
    if (typeof schema.minimum === 'number' && n < schema.minimum) fail(`${n} < ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && n > schema.maximum) fail(`${n} > ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && n <= schema.exclusiveMinimum) fail(`${n} <= ${schema.exclusiveMinimum}`);
    if (typeof schema.exclusiveMaximum === 'number' && n >= schema.exclusiveMaximum) fail(`${n} >= ${schema.exclusiveMaximum}`);
  }
  if (t === 'string') {
    const s = value as string;
    const length = [...s].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) fail(`shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) fail(`longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(s)) fail(`${JSON.stringify(s)} does not match ${schema.pattern}`);
  }
  if (t === 'array') {
    const a = value as unknown[];
    if (typeof schema.minItems === 'number' && a.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && a.length > schema.maxItems) fail(`more than ${schema.maxItems} items`);
    if (schema.items && typeof schema.items === 'object') a.forEach((v, i) => out.push(...check(schema.items as Schema, v, root, `${at}[${i}]`)));
  }
  if (t === 'object') {
    const o = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const k of (schema.required ?? []) as string[]) if (!(k in o)) fail(`missing required "${k}"`);
    for (const [k, v] of Object.entries(o)) {
      if (props[k]) out.push(...check(props[k], v, root, `${at}.${k}`));
      else if (schema.additionalProperties === false) fail(`unexpected "${k}"`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') out.push(...check(schema.additionalProperties as Schema, v, root, `${at}.${k}`));
      if (schema.propertyNames) out.push(...check(schema.propertyNames as Schema, k, root, `${at}{${k}}`));
    }
  }
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf as Schema[]) out.push(...check(s, value, root, at));
  if (Array.isArray(schema.anyOf) && !(schema.anyOf as Schema[]).some((s) => check(s, value, root, at).length === 0)) fail('matches none of anyOf');
  if (Array.isArray(schema.oneOf)) {
    const matching = (schema.oneOf as Schema[]).filter((s) => check(s, value, root, at).length === 0).length;
    if (matching !== 1) fail(`matches ${matching} of oneOf (exactly 1 expected)`);
  }
  return out;
}
