import { describe, expect, it } from 'vitest';
import { createSnapshotJournal } from './snapshotJournal.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const append = (list: string[], messages: readonly string[]) => [...list, ...messages];

describe('snapshot journal', () => {
  it('replays onto a snapshot the messages that arrived while it was fetched', async () => {
    const journal = createSnapshotJournal<string>();
    journal.record('before');
    const response = deferred<string[]>();
    const result = journal.capture(() => response.promise, append);
    journal.record('during');
    response.resolve(['snapshot']);
    expect(await result).toEqual(['snapshot', 'during']);
  });

  it('keeps nothing when no snapshot is in flight', async () => {
    const journal = createSnapshotJournal<string>();
    await journal.capture(() => Promise.resolve([]), append);
    journal.record('after');
    expect(await journal.capture(() => Promise.resolve(['fresh']), append)).toEqual(['fresh']);
  });

  it('gives each overlapping fetch the messages since its own start', async () => {
    const journal = createSnapshotJournal<string>();
    const first = deferred<string[]>();
    const second = deferred<string[]>();
    const a = journal.capture(() => first.promise, append);
    journal.record('m1');
    const b = journal.capture(() => second.promise, append);
    journal.record('m2');
    first.resolve([]);
    second.resolve([]);
    expect(await a).toEqual(['m1', 'm2']);
    expect(await b).toEqual(['m2']);
  });
});
