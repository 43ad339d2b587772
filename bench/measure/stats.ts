// Latency summaries and bounded timing loops shared by the HTTP runs and the raw-SQL baselines.

export type Latency = { n: number; p50: number; p95: number; p99: number; mean: number };
/** A load result: completed operations per second and their latency in milliseconds. */
export type Load = Latency & { perSecond: number; errors: number; seconds: number };

/** Nearest-rank percentiles of latencies in milliseconds. */
export function summarise(ms: number[]): Latency {
  if (ms.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, mean: NaN };
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/**
 * Runs `op` from `concurrency` loops until `seconds` pass or `maxOps` complete, whichever is first; a failing op
 * counts as an error and the loop goes on. Warm-up operations (not measured) run first.
 */
export async function timeLoop(
  op: (i: number) => Promise<unknown>,
  o: { concurrency: number; seconds: number; maxOps?: number; warmup?: number },
): Promise<Load> {
  for (let i = 0; i < (o.warmup ?? 0); i++) await op(-1 - i).catch(() => {});
  const latencies: number[] = [];
  let errors = 0;
  let started = 0;
  const t0 = performance.now();
  const end = t0 + o.seconds * 1000;
  const max = o.maxOps ?? Number.MAX_SAFE_INTEGER;
  const loop = async () => {
    while (performance.now() < end && started < max) {
      const i = started++;
      const a = performance.now();
      try {
        await op(i);
        latencies.push(performance.now() - a);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, loop));
  const seconds = (performance.now() - t0) / 1000;
  return { ...summarise(latencies), perSecond: latencies.length / seconds, errors, seconds };
}

/** Samples the process's resident set size until stopped; returns the peak in MiB. */
export function sampleRss(everyMs = 200): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 1_048_576;
    },
  };
}
