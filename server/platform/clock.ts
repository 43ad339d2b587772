// Time as a dependency: services read `clock.now()` so tests can move time.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests that only moves when told. */
export class FakeClock implements Clock {
  constructor(private t: Date = new Date('2026-03-02T09:00:00+08:00')) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
  set(t: Date): void {
    this.t = new Date(t);
  }
}
