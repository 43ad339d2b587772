// Slow clients (slowloris): connections that trickle their headers or their body a byte at a time are closed by
// the server within the configured header and request timeouts, and /api/health answers quickly meanwhile.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { figure, freshDatabase, pick, sleep, startServer, type ServerProcess } from './harness';

/** Slow connections of each kind (headers, body). */
const N = pick(100, 300);
const HEADERS_TIMEOUT_MS = 10_000;
/** The small setting shortens the request timeout (default 120 s) to stay within CI's budget; the mechanism is the same. */
const REQUEST_TIMEOUT_MS = pick(15_000, 120_000);
/** Node checks the timeouts once a second (connectionsCheckingInterval); allow that and scheduling on a busy machine. */
const SLACK_MS = 5_000;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let server: ServerProcess;

before(async () => {
  db = await freshDatabase();
  server = await startServer(db.url, {
    env: { HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
  });
});
after(async () => {
  await server?.stop().catch(() => {});
  await db?.drop();
});

type Slow = { closedAfter: Promise<number>; stop(): void };

/** Opens a connection that sends `head` and then one byte of `drip` every second, never finishing. */
function slowConnection(port: number, head: string, drip: string): Slow {
  const socket = net.connect(port, '127.0.0.1');
  const opened = performance.now();
  let timer: NodeJS.Timeout | undefined;
  socket.on('error', () => {});
  socket.on('data', () => {});
  socket.once('connect', () => {
    socket.write(head);
    timer = setInterval(() => socket.writable && socket.write(drip), 1_000);
  });
  const closedAfter = new Promise<number>((resolve) =>
    socket.once('close', () => {
      clearInterval(timer);
      resolve(performance.now() - opened);
    }),
  );
  return { closedAfter, stop: () => socket.destroy() };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]!);
  return { n: s.length, min: at(0), p50: at(0.5), max: Math.round(s[s.length - 1]!) };
};

test(
  `${N} slow-header and ${N} slow-body connections are closed within the timeouts while health answers`,
  { timeout: 300_000 },
  async () => {
    const slowHeaders: Slow[] = [];
    const slowBodies: Slow[] = [];
    for (let i = 0; i < N; i++) {
      slowHeaders.push(slowConnection(server.port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'x'));
      slowBodies.push(
        slowConnection(
          server.port,
          'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{',
          ' ',
        ),
      );
    }
    // Health, every half second, while the slow connections are held.
    const health: number[] = [];
    let failures = 0;
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const t0 = performance.now();
        const ok = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) }).then(
          (r) => r.ok,
          () => false,
        );
        health.push(performance.now() - t0);
        if (!ok) failures++;
        await sleep(500);
      }
    })();
    const headerCloses = await Promise.all(slowHeaders.map((s) => s.closedAfter));
    const bodyCloses = await Promise.race([
      Promise.all(slowBodies.map((s) => s.closedAfter)),
      sleep(REQUEST_TIMEOUT_MS + 30_000).then(() => null),
    ]);
    probing = false;
    await prober;
    for (const s of [...slowHeaders, ...slowBodies]) s.stop();
    assert.ok(bodyCloses, `slow bodies still open ${REQUEST_TIMEOUT_MS + 30_000} ms after they started`);
    const h = stats(health);
    figure('slow clients', {
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      slowHeadersClosedMs: stats(headerCloses),
      slowBodiesClosedMs: stats(bodyCloses),
      healthMs: h,
      healthFailures: failures,
    });
    assert.ok(
      Math.max(...headerCloses) <= HEADERS_TIMEOUT_MS + SLACK_MS,
      `slow headers closed after ${stats(headerCloses).max} ms`,
    );
    assert.ok(
      Math.max(...bodyCloses) <= REQUEST_TIMEOUT_MS + SLACK_MS,
      `slow bodies closed after ${stats(bodyCloses).max} ms`,
    );
    assert.equal(failures, 0, 'health failed while slow clients were held');
    // The bound leaves room for the burst of opening 2·N connections on a shared two-core machine (measured: 0.7 s).
    assert.ok(h.max < 2_000, `health took up to ${h.max} ms`);
  },
);
