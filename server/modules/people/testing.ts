// Test helpers for people: fictional ID numbers with a computed check character, and the test app.
import type { Clock } from '../../platform/clock';
import { createTestApp, type TestApp } from '../../testing';
import { idCheckChar } from './idcard';

/** A valid-format ID number in the fictional region 990101 (no real person): birth date and sequence vary with `n`. */
export function fakeId(n: number, opts: { sex?: 'male' | 'female'; birth?: string } = {}): string {
  const birth = (
    opts.birth ?? `19${50 + (n % 50)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`
  ).replace(/-/g, '');
  const seq = String(Math.floor(n / 10) % 100).padStart(2, '0');
  const sexDigit = opts.sex === 'female' ? (n % 5) * 2 : ((n % 5) * 2 + 1) % 10;
  const first17 = `990101${birth}${seq}${opts.sex ? sexDigit : n % 10}`;
  return first17 + idCheckChar(first17);
}

/** A fictional mobile number in the 199 range, distinct for each `n`. */
export const fakePhone = (n: number) => `199${String(n).padStart(8, '0')}`;

/** The test app (the people module is mounted by server/app.ts like every module). */
export function createPeopleTestApp(opts: { clock?: Clock } = {}): Promise<TestApp> {
  return createTestApp(opts);
}
