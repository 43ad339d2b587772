// Hostile uploads against a real server process: zip and shared-strings bombs, billion laughs, deep nesting and a
// 100-megapixel PNG posted to the real import and photo routes while another client polls /api/health. The server
// stays up, answers 400 naming the rule, health stays fast and the process's peak memory (VmHWM) barely moves; then a
// large legitimate workbook goes through the bulk import with health polled the same way.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import {
  billionLaughs,
  deepNesting,
  hugeDeclaredEntry,
  lyingSizeBomb,
  reportedSharedStringsBomb,
  sharedStringsBomb,
} from '../server/platform/imports/hostile-files';
import { Client, figure, freshDatabase, pick, startServer, type ServerProcess } from './harness';

const ROWS = pick(50_000, 200_000);
let db: Awaited<ReturnType<typeof freshDatabase>>;
let server: ServerProcess;

before(async () => {
  db = await freshDatabase();
  server = await startServer(db.url);
});
after(async () => {
  await server?.stop().catch(() => {});
  await db?.drop();
});

/** Resident and peak resident memory of the server process, in MB (Linux /proc). */
async function memory(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** Polls /api/health every 50 ms until stopped; the latencies in ms, and any answer that was not 200. */
function pollHealth(baseUrl: string) {
  const ms: number[] = [];
  const failures: string[] = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      const t0 = performance.now();
      const r = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) }).then(
        (x) => x.status,
        (e: Error) => e.message,
      );
      ms.push(performance.now() - t0);
      if (r !== 200) failures.push(String(r));
      await new Promise((res) => setTimeout(res, 50));
    }
  })();
  return {
    async stop() {
      on = false;
      await loop;
      const sorted = [...ms].sort((a, b) => a - b);
      const q = (p: number) =>
        Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
      return { polls: ms.length, p50: q(0.5), p95: q(0.95), max: q(1), failures };
    },
  };
}

/** Posts one file as multipart field "file", as a browser would. */
async function upload(c: Client, url: string, data: Buffer, filename: string, type = 'application/octet-stream') {
  const form = new FormData();
  form.append('file', new Blob([data], { type }), filename);
  const t0 = performance.now();
  const r = await fetch(`${c.baseUrl}${url}`, {
    method: 'POST',
    body: form,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
    signal: AbortSignal.timeout(120_000),
  });
  const body = (await r.json().catch(() => null)) as { error?: { details?: { message: string }[] } } | null;
  return {
    status: r.status,
    message: body?.error?.details?.[0]?.message ?? '',
    ms: Math.round(performance.now() - t0),
  };
}

const tempFiles = async () =>
  (await readdir(os.tmpdir())).filter((f) => f.startsWith('jiayuan-upload-') || /^tmp-\d+/.test(f)).sort();

test(
  'hostile uploads answer 400 while health stays fast and the server’s memory stays bounded',
  { timeout: 300_000 },
  async () => {
    const admin = await new Client(server.baseUrl, 'admin').login();
    const grid = await new Client(server.baseUrl, 'grid1').login();
    const files = {
      sharedStrings15M: await sharedStringsBomb(15_000_000),
      sharedStringsAsReported: await reportedSharedStringsBomb(),
      lyingSize: await lyingSizeBomb(2_000_000),
      hugeDeclared: await hugeDeclaredEntry(),
      billionLaughs: await billionLaughs(),
      deepNesting: await deepNesting(1_000_000),
      notAZip: Buffer.from('an ordinary text file, named like a workbook'),
    };
    const png = await sharp({
      create: { width: 10_000, height: 10_000, channels: 4, background: { r: 200, g: 100, b: 50, alpha: 1 } },
    })
      .toColourspace('rgb16')
      .png({ compressionLevel: 9 })
      .toBuffer();
    const temps = await tempFiles();
    // Health alone first: the machine's own noise, for comparison.
    const idle = pollHealth(server.baseUrl);
    await new Promise((r) => setTimeout(r, 3_000));
    const idleHealth = await idle.stop();
    const mem0 = await memory(server.child.pid!);
    const health = pollHealth(server.baseUrl);
    const answers: Record<string, { status: number; ms: number; message: string }> = {};
    console.log(
      `files: ${Object.entries(files)
        .map(([k, b]) => `${k} ${Math.round(b.length / 1024)} KB`)
        .join(', ')}, png ${Math.round(png.length / 1024)} KB`,
    );
    for (const [name, data] of Object.entries(files)) {
      for (const url of ['/api/people/imports', '/api/people/imports/bulk', '/api/hotline/imports']) {
        answers[`${name} ${url}`] = await upload(admin, url, data, 'roster.xlsx');
      }
    }
    const pngs = await Promise.all([0, 1, 2, 3].map(() => upload(grid, '/api/files', png, 'poster.png', 'image/png')));
    pngs.forEach((a, i) => (answers[`png100MP#${i + 1} /api/files`] = a));
    const hostileHealth = await health.stop();
    const mem1 = await memory(server.child.pid!);
    const statuses = Object.entries(answers).map(([k, a]) => `${a.status} ${a.ms} ms ${k}: ${a.message}`);
    console.log(statuses.join('\n'), JSON.stringify({ idleHealth, hostileHealth, mem0, mem1 }));
    for (const [k, a] of Object.entries(answers))
      assert.equal(a.status, 400, `${k}: ${a.status} ${a.message}\n${server.output()}`);
    assert.equal(server.child.exitCode, null, 'the server is still running');
    assert.deepEqual(hostileHealth.failures, []);
    // The machine is shared (two cores, many processes): the bound is 100 ms or three times health's own idle p95.
    const healthBound = Math.max(100, 3 * idleHealth.p95);
    assert.ok(
      hostileHealth.p95 < healthBound,
      `health p95 ${hostileHealth.p95} ms during hostile uploads (bound ${healthBound})`,
    );
    assert.ok(mem1.peak - mem0.peak < 200, `peak RSS grew ${mem1.peak - mem0.peak} MB`);
    assert.deepEqual(await tempFiles(), temps, 'no temp files left behind');

    // A large legitimate workbook through the bulk import (rows name a household that does not exist, so every row is
    // read, checked and explained, and nothing is written): reading and checking must not stall health either.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('居民');
    sheet.addRow(['姓名', '身份证号', '联系电话', '居住类型', '户']);
    for (let i = 0; i < ROWS; i++)
      sheet.addRow([`居民${i}`, '', `138${String(i).padStart(8, '0')}`, '户籍', '9999999999999']);
    const workbook = Buffer.from(await book.xlsx.writeBuffer());
    const load = pollHealth(server.baseUrl);
    const bulk = await upload(admin, '/api/people/imports/bulk', workbook, 'roster.xlsx');
    const importHealth = await load.stop();
    const mem2 = await memory(server.child.pid!);
    assert.equal(bulk.status, 200, bulk.message);
    assert.deepEqual(importHealth.failures, []);
    assert.ok(
      importHealth.p95 < healthBound,
      `health p95 ${importHealth.p95} ms during a ${ROWS}-row import (bound ${healthBound})`,
    );
    assert.deepEqual(await tempFiles(), temps, 'no temp files left behind');

    figure('hostile-uploads', {
      idleHealth,
      hostile: {
        uploads: Object.keys(answers).length,
        all400: true,
        health: hostileHealth,
        rssMB: [mem0.rss, mem1.rss],
        peakRssGrowthMB: mem1.peak - mem0.peak,
      },
      slowest: Object.entries(answers)
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 3)
        .map(([k, a]) => `${k} ${a.ms} ms`),
      bulkImport: {
        rows: ROWS,
        xlsxMB: Math.round(workbook.length / 104_857.6) / 10,
        ms: bulk.ms,
        health: importHealth,
        peakRssGrowthMB: mem2.peak - mem1.peak,
      },
    });
  },
);
