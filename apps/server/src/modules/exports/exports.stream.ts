import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { exportTimeZoneHeader, type ExportOutcome } from '@watchfloor/contracts';
import { contentDisposition } from './exports.files.ts';
import type { PreparedExport } from './exports.service.ts';

/** Errors of the response itself: the client went away (closed tab, dropped link). */
const clientGone = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ERR_STREAM_DESTROYED', 'ECONNRESET']);

/**
 * Streams an export into the response with back-pressure. Whatever ends it
 * early ends the response too: a client that goes away is `cancelled`; a
 * database or stream error is `failed`, and the response is cut (no final
 * chunk), so the client sees an aborted download, never a file that looks
 * complete. Either way the database work is stopped and its connection freed
 * before the audit event is written.
 */
export async function sendExport(
  req: Request,
  res: Response,
  prepared: PreparedExport,
): Promise<void> {
  let body;
  try {
    body = await prepared.open();
  } catch (error) {
    await prepared.finish('failed', error);
    throw error;
  }
  res.status(200).set({
    'Content-Type': prepared.contentType,
    'Content-Disposition': contentDisposition(prepared.fileName),
    [exportTimeZoneHeader]: prepared.timeZone,
    'Cache-Control': 'no-store',
  });
  // The download starts now, even while PostgreSQL still sorts before its first row.
  res.flushHeaders();
  let outcome: ExportOutcome = 'completed';
  let failure: unknown;
  try {
    // The response ends only after the audit event is written, so a complete file is always on record.
    await pipeline(body, res, { end: false });
  } catch (error) {
    failure = error;
    const code = (error as { code?: string }).code;
    outcome = code !== undefined && clientGone.has(code) ? 'cancelled' : 'failed';
    res.destroy();
    if (outcome === 'failed') req.log.error({ err: error }, 'export failed mid-stream');
  }
  await prepared.finish(outcome, failure);
  if (outcome === 'completed') res.end();
}
