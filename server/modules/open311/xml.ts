// XML bodies of GeoReport v2: the JSON answer wrapped in the spec's root and item elements, text escaped by the builder.
import { XMLBuilder } from 'fast-xml-parser';

const builder = new XMLBuilder({ format: false, processEntities: true });

/** The spec's element names: a list root and the name of each item in it. */
export const XML_ROOTS = {
  services: ['services', 'service'],
  requests: ['service_requests', 'request'],
  errors: ['errors', 'error'],
} as const;

/** Nested lists inside an item, and the element name of their entries. */
const NESTED_ITEMS: Record<string, string> = {
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

/** null becomes an empty element, booleans and numbers their text, nested lists their wrapped entries. */
function toXmlValue(v: unknown, key?: string): unknown {
  if (v == null) return '';
  if (Array.isArray(v)) {
    const item = key ? NESTED_ITEMS[key] : undefined;
    if (!item) throw new Error(`no XML element name for the list ${key}`);
    return { [item]: v.map((x) => toXmlValue(x)) };
  }
  if (typeof v === 'object')
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, toXmlValue(x, k)]));
  return String(v);
}

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** A list answer (services, requests, errors) as XML. */
export function listXml(kind: keyof typeof XML_ROOTS, items: object[]): string {
  const [root, item] = XML_ROOTS[kind];
  return DECLARATION + builder.build({ [root]: { [item]: items.map((x) => toXmlValue(x)) } });
}

/** A single-object answer (service_definition, discovery) as XML under `root`. */
export function objectXml(root: string, value: object): string {
  return DECLARATION + builder.build({ [root]: toXmlValue(value) });
}
