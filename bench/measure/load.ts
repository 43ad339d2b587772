// The load generator, a child process (autocannon off the server's event loop and memory) driving 127.0.0.1 for a bounded time.
import autocannon from 'autocannon';
import { summarise, type Load } from './stats';

export type LoadJob = {
  url: string;
  connections: number;
  seconds: number;
  /** Stops after this many requests even if time is left. */
  maxRequests: number;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** For POST /api/cases: a fresh point inside the box and a fresh Idempotency-Key on every request. */
  intake?: { box: [number, number, number, number]; categoryCode: string; keyPrefix: string };
};
export type LoadResult = Load & { statuses: Record<string, number> };

async function run(job: LoadJob): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(job.url)) throw new Error('load goes to 127.0.0.1 only');
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let n = 0;
  const intake = job.intake;
  const request: autocannon.Request = {
    method: job.method,
    path: job.path,
    headers: { ...job.headers, ...(intake ? { 'content-type': 'application/json' } : {}) },
    ...(intake
      ? {
          setupRequest: (req: autocannon.Request) => {
            const [w, s, e, north] = intake.box;
            const lat = s + (north - s) * (0.05 + 0.9 * Math.random());
            const lng = w + (e - w) * (0.05 + 0.9 * Math.random());
            n++;
            return {
              ...req,
              headers: { ...req.headers, 'idempotency-key': `${intake.keyPrefix}-${n}` },
              body: JSON.stringify({
                categoryCode: intake.categoryCode,
                description: `压测上报第${n}条：路边有暴露垃圾`,
                location: { lat, lng },
              }),
            };
          },
        }
      : {}),
  };
  // autocannon ignores `duration` when `amount` is set, so the count bound is enforced here and time by `duration`.
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: job.url, connections: job.connections, duration: job.seconds, requests: [request], timeout: 30 },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    let seen = 0;
    instance.on('response', (_client, status, _bytes, ms) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status < 400) latencies.push(ms);
      if (++seen === job.maxRequests) instance.stop();
    });
  });
  const ok = latencies.length;
  const seconds = r.duration;
  const errors =
    Object.entries(statuses).reduce((a, [k, v]) => a + (Number(k) >= 400 ? v : 0), 0) + r.errors + r.timeouts;
  return { ...summarise(latencies), perSecond: ok / seconds, errors, seconds, statuses };
}

const job = JSON.parse(process.argv[2] ?? '{}') as LoadJob;
run(job).then(
  (r) => process.send?.({ ok: true, result: r }, () => process.exit(0)),
  (err: unknown) => process.send?.({ ok: false, error: String(err) }, () => process.exit(1)),
);
