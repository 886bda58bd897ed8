import http from 'node:http';

/** How a download ended: the whole body, cut off by the server, or nothing before the deadline. */
export interface DownloadEnd {
  ending: 'complete' | 'aborted' | 'hang';
  body: Buffer;
  /** From `finish` to the ending. */
  ms: number;
}

export interface HeldDownload {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Reads the rest and says how it ended; `hang` (and the request dropped) after `deadlineMs`. */
  finish(deadlineMs: number): Promise<DownloadEnd>;
  /** Goes away mid-file, as a closed browser tab does. */
  abandon(): void;
}

/**
 * Starts a download and holds it once the headers are in: the client reads
 * nothing more, so back-pressure keeps the server's export running, until
 * `finish` or `abandon`. Rejects when no headers come within `deadlineMs`.
 */
export function holdDownload(url: string, cookie: string, deadlineMs = 10_000) {
  return new Promise<HeldDownload>((resolve, reject) => {
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`no response headers within ${deadlineMs} ms`));
    }, deadlineMs);
    const request = http.get(url, { headers: { cookie } }, (response) => {
      clearTimeout(timer);
      response.pause();
      // A cut-off response errors too; how it ended is read from `complete`.
      response.on('error', () => undefined);
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        abandon: () => request.destroy(),
        finish: (finishDeadlineMs) =>
          new Promise<DownloadEnd>((settle) => {
            const started = Date.now();
            const chunks: Buffer[] = [];
            const end = (ending: DownloadEnd['ending']) => {
              clearTimeout(hang);
              settle({ ending, body: Buffer.concat(chunks), ms: Date.now() - started });
            };
            const hang = setTimeout(() => {
              end('hang');
              request.destroy();
            }, finishDeadlineMs);
            // The server may have cut the response while it was held.
            if (response.closed) {
              end(response.complete ? 'complete' : 'aborted');
              return;
            }
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.once('close', () => end(response.complete ? 'complete' : 'aborted'));
            response.resume();
          }),
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
