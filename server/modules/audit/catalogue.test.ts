// The audit filter's lists (contracts/audit.ts) name every action and record kind the server writes, so none is unfindable.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_KINDS } from '../../../contracts/audit';

const SERVER = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.includes('testing') ? [p] : [];
  });
}

/** The literal action names and kinds inside every `audit.record(…)` call of the server. */
function written() {
  const actions = new Set<string>(),
    kinds = new Set<string>();
  for (const file of sources(SERVER)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/audit\.record\(/g)) {
      const call = text.slice(m.index, m.index + 600);
      const action = /action:\s*([^\n]*?)(?:,\s*\n|,\s*entityKind)/.exec(call)?.[1] ?? '';
      for (const lit of action.matchAll(/'([a-z0-9_.]+)'/g)) actions.add(lit[1]!);
      const kind = /entityKind:\s*'([a-z0-9_]+)'/.exec(call)?.[1];
      if (kind) kinds.add(kind);
    }
  }
  return { actions, kinds };
}

describe('audit catalogue', () => {
  it('lists every action and record kind the server writes', () => {
    const { actions, kinds } = written();
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
    expect([...kinds].filter((k) => !(AUDIT_ENTITY_KINDS as readonly string[]).includes(k))).toEqual([]);
  });
});
