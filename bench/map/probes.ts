/**
 * What the benchmark installs in the page before the app loads (`page.addInitScript`), and
 * the shape of what it collects. `installProbes` is serialised into the page: it must not
 * use anything from its module.
 */

export interface TimedEntry {
  start: number;
  duration: number;
  /** Units in the batch (merge, draw) or characters of the socket message. */
  size: number;
}

export interface ProbeData {
  recording: boolean;
  /** requestAnimationFrame deltas, ms. */
  frames: number[];
  longTasks: TimedEntry[];
  /** `watchfloor:positions-apply:merge` measures (positionStore.merge). */
  merges: TimedEntry[];
  /** `watchfloor:positions-apply:draw` measures (UnitsLayer's frame callback). */
  draws: TimedEntry[];
  /** A `units:positions` WebSocket message from arrival to merged: decode, validation, merge. */
  socket: TimedEntry[];
  /** `postMessage` calls to MapLibre's workers (the structured clone of what is sent). */
  toWorkers: TimedEntry[];
  /** Main-thread handling of messages from the workers (tiles coming back), decoding included. */
  fromWorkers: TimedEntry[];
  /** Largest merge seen so far, recording or not: tells when the whole fleet is live. */
  largestMerge: number;
}

declare global {
  interface Window {
    __watchfloorBench?: ProbeData;
  }
}

export function installProbes(): void {
  const data: ProbeData = {
    recording: false,
    frames: [],
    longTasks: [],
    merges: [],
    draws: [],
    socket: [],
    toWorkers: [],
    fromWorkers: [],
    largestMerge: 0,
  };
  window.__watchfloorBench = data;

  let previousFrame = 0;
  const onFrame = (time: number) => {
    if (data.recording && previousFrame > 0) data.frames.push(time - previousFrame);
    previousFrame = time;
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  const entry = (item: PerformanceEntry, size: number): TimedEntry => ({
    start: item.startTime,
    duration: item.duration,
    size,
  });
  new PerformanceObserver((list) => {
    for (const item of list.getEntries()) {
      const size =
        typeof (item as PerformanceMeasure).detail === 'number'
          ? Number((item as PerformanceMeasure).detail)
          : 0;
      if (item.name === 'watchfloor:positions-apply:merge') {
        data.largestMerge = Math.max(data.largestMerge, size);
        if (data.recording) data.merges.push(entry(item, size));
      } else if (!data.recording) continue;
      else if (item.name === 'watchfloor:positions-apply:draw') data.draws.push(entry(item, size));
      else if (item.entryType === 'longtask') data.longTasks.push(entry(item, 0));
    }
  }).observe({ entryTypes: ['measure', 'longtask'] });

  // MapLibre talks to its workers with postMessage and listens with addEventListener('message').
  // The originals are always called with the worker as `this` (apply/call below).
  /* eslint-disable @typescript-eslint/unbound-method */
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (
    this: Worker,
    ...args: Parameters<Worker['postMessage']>
  ) {
    const start = performance.now();
    try {
      post.apply(this, args);
    } finally {
      if (data.recording)
        data.toWorkers.push({ start, duration: performance.now() - start, size: 0 });
    }
  } as Worker['postMessage'];
  const listen = Worker.prototype.addEventListener;
  /* eslint-enable @typescript-eslint/unbound-method */
  Worker.prototype.addEventListener = function (
    this: Worker,
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ) {
    if (type !== 'message' || typeof listener !== 'function') {
      listen.call(this, type, listener, options);
      return;
    }
    listen.call(
      this,
      type,
      function (this: Worker, event: Event) {
        const start = performance.now();
        try {
          listener.call(this, event);
        } finally {
          if (data.recording)
            data.fromWorkers.push({ start, duration: performance.now() - start, size: 0 });
        }
      },
      options,
    );
  } as Worker['addEventListener'];

  // engine.io-client sets `ws.onmessage`; wrap what it sets to time the whole socket handler.
  const handler = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  if (handler?.set && handler.get) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- accessors, called with the socket
    const { get, set } = handler;
    Object.defineProperty(WebSocket.prototype, 'onmessage', {
      configurable: true,
      enumerable: handler.enumerable ?? true,
      get,
      set(this: WebSocket, listener: ((event: MessageEvent) => unknown) | null) {
        if (typeof listener !== 'function') {
          set.call(this, listener);
          return;
        }
        set.call(this, function (this: WebSocket, event: MessageEvent) {
          const positions =
            typeof event.data === 'string' && event.data.startsWith('42["units:positions"');
          const start = performance.now();
          try {
            return listener.call(this, event);
          } finally {
            // Socket.IO hands the decoded event to the app in a microtask (its nextTick): one
            // queued now runs after it, so the time covers decoding, validation and the merge.
            if (positions && data.recording) {
              const size = String(event.data).length;
              queueMicrotask(() =>
                data.socket.push({ start, duration: performance.now() - start, size }),
              );
            }
          }
        });
      },
    });
  }
}
