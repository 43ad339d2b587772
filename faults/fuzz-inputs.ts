// Hostile inputs for the fuzzer: a plausible value for a JSON schema, and the malformed requests built from it.
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
  default?: unknown;
};

export const HOSTILE_STRINGS = [
  "' OR '1'='1' --",
  "'; drop table cases; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'a\u0000b',
  '\u202e\u200b𠮷😀\ud800',
  '../../../../etc/passwd',
  '${jndi:ldap://x/a}{{7*7}}',
  '',
  '   ',
  '１２３',
  '-1',
  '1e309',
  'x'.repeat(100_000),
];
export const HOSTILE_NUMBERS = [-1, 0, -2147483649, 2147483648, Number.MAX_SAFE_INTEGER + 2, 1e308, 1.5, -0.000001];
export const WRONG_TYPES: unknown[] = [null, true, [], {}, 'text', 123, [[[['deep']]]], { __proto__: { polluted: 1 } }];
export const HOSTILE_IDS = [
  '-1',
  '0',
  '99999999999999999999',
  '1.5',
  'abc',
  "1' or '1'='1",
  '%00',
  '%3Cscript%3E',
  'x'.repeat(3_000),
  '%F0%9F%98%80',
  '1e3',
  '0x10',
];

/** A value the schema probably accepts (the base every mutation starts from). */
export function sample(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 6) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return sample(alt.find((a) => a.type !== 'null') ?? alt[0], depth + 1);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((a) => sample(a, depth + 1) as object));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {}))
        if (s.required?.includes(k)) out[k] = sample(v, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(s.minItems ?? 0, 1) }, () => sample(s.items, depth + 1));
    case 'string':
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.format === 'date-time') return '2026-03-02T09:00:00+08:00';
      if (s.format === 'date') return '2026-03-02';
      if (s.format === 'email') return 'fuzz@example.invalid';
      return '测'.repeat(Math.max(s.minLength ?? 1, 1));
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? s.exclusiveMinimum ?? 999_999, 999_999);
    case 'boolean':
      return false;
    default:
      return null;
  }
}

export type Variant = {
  what: string;
  payload?: string;
  contentType?: string;
  query?: string;
  params?: Record<string, string>;
};

const json = (v: unknown) => JSON.stringify(v);

/** Malformed bodies for a JSON request body schema. */
export function bodyVariants(schema: Schema | undefined): Variant[] {
  const base = (sample(schema) ?? {}) as Record<string, unknown>;
  const out: Variant[] = [
    { what: 'bad JSON', payload: '{"a":' },
    { what: 'JSON with trailing junk', payload: '{} junk' },
    { what: 'deeply nested', payload: '['.repeat(5_000) + ']'.repeat(5_000) },
    {
      what: 'prototype pollution',
      payload: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}',
    },
    { what: 'oversized body (2 MB)', payload: json({ x: 'y'.repeat(2_000_000) }) },
    { what: 'text/plain body', payload: json(base), contentType: 'text/plain' },
    { what: 'empty object', payload: '{}' },
    { what: 'extra field', payload: json({ ...base, unexpectedField: 'x', id: 1 }) },
    ...WRONG_TYPES.slice(0, 6).map((v) => ({ what: `top-level ${json(v)}`, payload: json(v) })),
  ];
  for (const [k, prop] of Object.entries(schema?.properties ?? {})) {
    const t = Array.isArray(prop.type) ? prop.type[0] : prop.type;
    const values: unknown[] = [...WRONG_TYPES.slice(0, 5)];
    if (t === 'string' || !t) values.push(...HOSTILE_STRINGS);
    if (t === 'integer' || t === 'number') values.push(...HOSTILE_NUMBERS, '1');
    if (t === 'array')
      values.push(
        Array.from({ length: 10_000 }, () => sample(prop.items)),
        [null],
      );
    for (const v of values) out.push({ what: `${k}=${json(v).slice(0, 40)}`, payload: json({ ...base, [k]: v }) });
    const missing = { ...base };
    delete missing[k];
    out.push({ what: `missing ${k}`, payload: json(missing) });
  }
  return out;
}

/** Bad query strings for an operation's query parameters. */
export function queryVariants(names: string[]): Variant[] {
  const out: Variant[] = [
    { what: 'unknown query params', query: '__proto__[x]=1&constructor=1&page[$gt]=1' },
    { what: 'broken escape', query: 'q=%E0%A4%A' },
  ];
  for (const n of names) {
    for (const v of [
      'abc',
      '-1',
      '99999999999999999999',
      "' or 1=1--",
      '<script>',
      'x'.repeat(10_000),
      '%00',
      '',
      '1.5',
      'true',
    ]) {
      out.push({
        what: `${n}=${v.slice(0, 30)}`,
        query: `${encodeURIComponent(n)}=${v.startsWith('%') ? v : encodeURIComponent(v)}`,
      });
    }
    out.push({ what: `${n} repeated`, query: `${n}=1&${n}=2&${n}[]=3` });
  }
  return out;
}

/** Hostile path parameters (each one in turn; the others get an id that does not exist). */
export function paramVariants(names: string[]): Variant[] {
  const out: Variant[] = [];
  for (const n of names)
    for (const v of HOSTILE_IDS)
      out.push({
        what: `:${n}=${v.slice(0, 30)}`,
        params: Object.fromEntries(names.map((m) => [m, m === n ? v : '999999'])),
      });
  return out;
}

/** A small deterministic generator, so a failing run can be repeated. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
