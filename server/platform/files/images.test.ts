// The image gate: a bounded number of images processed at once, a bounded queue, and a clear 503 beyond it.
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createImageGate } from './images';

describe('image gate', () => {
  it('runs at most `concurrency` jobs, queues at most `queue`, refuses the rest with 503, and frees every slot', async () => {
    const gate = createImageGate({ concurrency: 2, queue: 1 });
    let now = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const job = () =>
      gate.run('zh-CN', async () => {
        most = Math.max(most, ++now);
        await new Promise<void>((r) => release.push(r));
        now--;
        return 'done';
      });
    const running = [job(), job(), job()];
    await new Promise((r) => setImmediate(r));
    expect(gate.load()).toEqual({ running: 2, waiting: 1 });
    const refused = await job().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(503);
    expect((refused as AppError).details).toEqual([{ path: 'file', message: '正在处理的图片过多，请稍后重试' }]);
    while (release.length || gate.load().running) {
      release.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(running)).toEqual(['done', 'done', 'done']);
    expect(most).toBe(2);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
    // A job that throws frees its slot too.
    await expect(gate.run('en', () => Promise.reject(new Error('bad pixels')))).rejects.toThrow('bad pixels');
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });
});
