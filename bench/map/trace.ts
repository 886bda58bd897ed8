/** The parts of a Chrome trace event we read. */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/**
 * Self time by trace event name on the page's main thread (`CrRendererMain`), like the
 * Performance panel's bottom-up view: what the main thread spends its time on beyond
 * JavaScript (style, layout, paint, GPU commands, message decoding, garbage collection).
 */
export function summariseTrace(buffer: Buffer, seconds: number, top = 15) {
  const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  const mainThreads = new Set(
    traceEvents
      .filter((event) => event.ph === 'M' && event.name === 'thread_name')
      .filter((event) => event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of traceEvents) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || event.dur === undefined || !mainThreads.has(thread)) continue;
    const list = byThread.get(thread) ?? [];
    list.push(event);
    byThread.set(thread, list);
  }
  // The page's main thread is the busiest renderer main thread.
  const busiest = [...byThread.values()].sort(
    (a, b) =>
      b.reduce((sum, event) => sum + event.dur!, 0) - a.reduce((sum, event) => sum + event.dur!, 0),
  )[0];
  const self = new Map<string, number>();
  let busy = 0;
  const stack: { end: number; name: string }[] = [];
  for (const event of (busiest ?? []).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)) {
    while (stack.length > 0 && stack.at(-1)!.end <= event.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - event.dur!);
    else busy += event.dur!;
    self.set(event.name, (self.get(event.name) ?? 0) + event.dur!);
    stack.push({ end: event.ts + event.dur!, name: event.name });
  }
  return {
    busyMsPerSecond: Math.round(busy / 1000 / seconds),
    selfMsPerSecond: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({
        name,
        msPerSecond: Math.round((micros / 1000 / seconds) * 10) / 10,
      })),
  };
}
