// Test helpers: the official GeoReport v2 JSON Schemas (copies in spec/) compiled with Ajv, and XML read back to compare with JSON.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';

const specDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'spec');
const load = (name: string) => JSON.parse(readFileSync(path.join(specDir, name), 'utf8')) as Record<string, unknown>;

// The schemas declare no $schema and use only keywords that draft-04 and draft-07 read alike, so Ajv's default
// (draft-07) class validates them; strict mode is off because the Swagger definitions use the non-standard "uid" format.
const ajv = new Ajv({ strict: false, allErrors: true });
(addFormatsModule as unknown as (a: Ajv) => void)(ajv);
ajv.addFormat('uid', true);
for (const f of ['request.json', 'requests.json', 'service.json', 'services.json', 'service-definition.json'])
  ajv.addSchema(load(f), f);
const swagger = load('swagger.json') as { definitions: Record<string, object> };

const compiled = {
  services: ajv.getSchema('services.json')!,
  requests: ajv.getSchema('requests.json')!,
  serviceDefinition: ajv.getSchema('service-definition.json')!,
  /** POST requests answers: an array of RequestResponse (Swagger). */
  postResponse: ajv.compile({ type: 'array', minItems: 1, items: swagger.definitions.RequestResponse }),
  tokenResponse: ajv.compile({ type: 'array', minItems: 1, items: swagger.definitions.TokenResponse }),
  /** The GeoReport error body: [{code, description}]. */
  errors: ajv.compile({
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['code', 'description'],
      properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
    },
  }),
};

/** Throws with Ajv's messages unless `data` satisfies the named schema. */
export function assertSchema(name: keyof typeof compiled, data: unknown): void {
  const v = compiled[name];
  if (!v(data)) throw new Error(`${name}: ${ajv.errorsText(v.errors)}\n${JSON.stringify(data).slice(0, 500)}`);
}

const LISTS = ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'];
const parser = new XMLParser({
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (name) => LISTS.includes(name),
});

export function parseXml(xml: string): Record<string, unknown> {
  return parser.parse(xml) as Record<string, unknown>;
}

const ITEM: Record<string, string> = {
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

/** How a JSON answer reads once written as XML and parsed back: every value text, null and [] empty. */
export function asXmlText(v: unknown, key?: string): unknown {
  if (v == null) return '';
  if (Array.isArray(v)) return v.length ? { [ITEM[key!]!]: v.map((x) => asXmlText(x)) } : '';
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asXmlText(x, k)]));
  return String(v);
}
