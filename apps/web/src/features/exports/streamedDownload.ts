import { useCallback, useRef, useState } from 'react';

export type DownloadPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface DownloadState {
  phase: DownloadPhase;
  bytes: number;
  /** Lines received (rows, for line-based formats), or null when the format has none. */
  lines: number | null;
  filename: string | null;
  /** The server's error message (with its field issues) or a network failure. */
  error: string | null;
}

const initial: DownloadState = {
  phase: 'idle',
  bytes: 0,
  lines: null,
  filename: null,
  error: null,
};

/** The file name from `Content-Disposition`, preferring the UTF-8 form. */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8?.[1]) return decodeURIComponent(utf8[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? null;
}

function countNewlines(chunk: Uint8Array): number {
  let count = 0;
  for (const byte of chunk) if (byte === 10) count += 1;
  return count;
}

/** What a refused export says: the message and each bad field. */
async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as {
      error?: { message?: string; issues?: { path: string; message: string }[] };
    };
    const issues = body.error?.issues?.map((issue) => `${issue.path}: ${issue.message}`) ?? [];
    return [body.error?.message ?? `HTTP ${response.status}`, ...issues].join(' — ');
  } catch {
    return `HTTP ${response.status}`;
  }
}

function saveFile(parts: BlobPart[], type: string, filename: string) {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // Revoked after the click has handed the file to the browser.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads a streamed export while counting what arrives (bytes, and lines for line-based
 * formats), so the page can show progress; cancel aborts the request, which the server turns
 * into closing its database cursor and an audit event marked cancelled.
 */
export function useStreamedDownload() {
  const [state, setState] = useState<DownloadState>(initial);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(async (url: string, { countLines }: { countLines: boolean }) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ ...initial, phase: 'running', lines: countLines ? 0 : null });
    try {
      const response = await fetch(url, { signal: abort.signal, credentials: 'same-origin' });
      if (!response.ok || !response.body) {
        setState((current) => ({ ...current, phase: 'failed', error: `${response.status}` }));
        const text = await errorText(response);
        setState((current) => ({ ...current, error: text }));
        return;
      }
      const filename = dispositionFilename(response.headers.get('content-disposition')) ?? 'export';
      const reader = response.body.getReader();
      const parts: BlobPart[] = [];
      let bytes = 0;
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        bytes += value.byteLength;
        if (countLines) lines += countNewlines(value);
        setState((current) => ({ ...current, bytes, lines: countLines ? lines : null, filename }));
      }
      saveFile(parts, response.headers.get('content-type') ?? 'application/octet-stream', filename);
      setState((current) => ({ ...current, phase: 'done' }));
    } catch (error) {
      if (abort.signal.aborted) setState((current) => ({ ...current, phase: 'cancelled' }));
      else
        setState((current) => ({ ...current, phase: 'failed', error: (error as Error).message }));
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { state, start, cancel };
}
