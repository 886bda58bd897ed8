/**
 * Runs tasks one after another per key (a call id, a unit id) and concurrently
 * across keys, so the messages about one call leave in the order its events came,
 * even though loading what to send is asynchronous.
 */
export function createKeyedQueue(onError: (error: unknown, key: string) => void) {
  const tails = new Map<string, Promise<void>>();

  return {
    push(key: string, task: () => Promise<void>): void {
      const tail = (tails.get(key) ?? Promise.resolve())
        .then(task)
        .catch((error: unknown) => onError(error, key));
      tails.set(key, tail);
      void tail.then(() => {
        // Forget idle keys: the map holds only calls with work in flight.
        if (tails.get(key) === tail) tails.delete(key);
      });
    },

    /** Resolves once every task queued so far has run. */
    async drain(): Promise<void> {
      while (tails.size > 0) await Promise.all([...tails.values()]);
    },
  };
}
