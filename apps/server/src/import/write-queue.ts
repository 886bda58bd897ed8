/**
 * Runs at most `limit` writes at once. `submit` waits while the queue is full,
 * which is what holds the CSV reader back (back-pressure); the first failure is
 * rethrown by the next `submit` or by `drain`, and no write is left unawaited.
 */
export function createWriteQueue(limit: number) {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;

  const rethrow = () => {
    if (failure) throw failure.error;
  };

  return {
    async submit(write: () => Promise<void>): Promise<void> {
      while (running.size >= limit) await Promise.race(running);
      rethrow();
      const task: Promise<void> = write()
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => running.delete(task));
      running.add(task);
    },
    /** Waits for every write; rethrows the first failure. */
    async drain(): Promise<void> {
      await Promise.all(running);
      rethrow();
    },
    /** Waits for every write, ignoring failures (before giving up on an import). */
    async settle(): Promise<void> {
      await Promise.all(running);
    },
  };
}
