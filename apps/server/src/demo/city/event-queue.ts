/**
 * A min-heap of scheduled jobs ordered by time, then by insertion order, so
 * jobs due at the same millisecond run in the order they were scheduled.
 */
export class EventQueue<T> {
  #heap: { at: number; seq: number; job: T }[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(at: number, job: T): void {
    const heap = this.#heap;
    heap.push({ at, seq: this.#seq++, job });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  /** The time of the next job, or Infinity when empty. */
  peekAt(): number {
    return this.#heap[0]?.at ?? Infinity;
  }

  pop(): { at: number; job: T } | undefined {
    const heap = this.#heap;
    const top = heap[0];
    if (!top) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.#less(left, smallest)) smallest = left;
        if (right < heap.length && this.#less(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.#swap(i, smallest);
        i = smallest;
      }
    }
    return { at: top.at, job: top.job };
  }

  clear(): void {
    this.#heap = [];
  }

  #less(i: number, j: number): boolean {
    const a = this.#heap[i]!;
    const b = this.#heap[j]!;
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #swap(i: number, j: number): void {
    const heap = this.#heap;
    [heap[i], heap[j]] = [heap[j]!, heap[i]!];
  }
}
