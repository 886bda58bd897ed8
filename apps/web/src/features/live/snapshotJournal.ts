/**
 * Closes the gap between a REST snapshot and the socket. A list fetched over REST reflects
 * the server at some instant while the request is in flight; a socket message that arrives
 * during that time may be newer than the snapshot, and writing the snapshot into the cache
 * would silently undo it. The journal keeps every message that arrives while a snapshot is
 * being fetched and replays them onto it (the reducers ignore what the snapshot already has).
 */
export interface SnapshotJournal<Message> {
  /** Notes a message; kept only while some snapshot is in flight. */
  record(message: Message): void;
  /** Fetches a snapshot and returns it with the messages that arrived meanwhile applied. */
  capture<Snapshot>(
    fetchSnapshot: () => Promise<Snapshot>,
    replay: (snapshot: Snapshot, messages: readonly Message[]) => Snapshot,
  ): Promise<Snapshot>;
}

export function createSnapshotJournal<Message>(): SnapshotJournal<Message> {
  let inFlight = 0;
  let messages: Message[] = [];

  return {
    record(message) {
      if (inFlight > 0) messages.push(message);
    },
    async capture(fetchSnapshot, replay) {
      inFlight += 1;
      // Overlapping fetches share the buffer; each replays what came after its own start.
      const start = messages.length;
      try {
        const snapshot = await fetchSnapshot();
        return replay(snapshot, messages.slice(start));
      } finally {
        inFlight -= 1;
        if (inFlight === 0) messages = [];
      }
    },
  };
}
