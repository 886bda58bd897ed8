import { describe, expect, it } from 'vitest';
import { createWriteQueue } from './write-queue.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createWriteQueue', () => {
  it('never runs more than its limit at once', async () => {
    const queue = createWriteQueue(2);
    let running = 0;
    let peak = 0;
    for (let index = 0; index < 6; index += 1)
      await queue.submit(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await tick();
        running -= 1;
      });
    await queue.drain();
    expect(peak).toBe(2);
    expect(running).toBe(0);
  });

  it('rethrows the first failure from the next submit and from drain', async () => {
    const queue = createWriteQueue(1);
    await queue.submit(async () => {
      await tick();
      throw new Error('disk full');
    });
    await expect(queue.submit(() => Promise.resolve())).rejects.toThrow('disk full');
    await expect(queue.drain()).rejects.toThrow('disk full');
    await expect(queue.settle()).resolves.toBeUndefined();
  });
});
