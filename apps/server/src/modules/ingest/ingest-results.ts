import {
  issuesFromZodError,
  type IngestItemResult,
  type IngestResponse,
  type Issue,
  unstorableIssues,
} from '@watchfloor/contracts';
import type { z } from 'zod';
import { isDataRejection, rejectionReason } from '../../db/storage-errors.ts';

/** Per-item result bookkeeping shared by every ingest endpoint. */
export function summarise(results: IngestItemResult[]): IngestResponse {
  const summary = { applied: 0, duplicate: 0, history: 0, rejected: 0 };
  for (const result of results) summary[result.outcome] += 1;
  return { results: [...results].sort((a, b) => a.index - b.index), summary };
}

/** A rejected item, with issue paths pointing into the request body. */
export function rejected(index: number, prefix: string, issues: Issue[]): IngestItemResult {
  return {
    index,
    outcome: 'rejected',
    issues: issues.map((issue) => ({
      path: issue.path ? `${prefix}.${index}.${issue.path}` : `${prefix}.${index}`,
      message: issue.message,
    })),
  };
}

/**
 * Validates each item on its own, so one bad item does not sink the batch. Text
 * PostgreSQL cannot store (NUL, lone surrogates) is refused here, anywhere in the
 * item, so that it can never fail the item's transaction and stall the feed.
 */
export function parseItems<S extends z.ZodType>(schema: S, items: unknown[], prefix: string) {
  const valid: { index: number; item: z.output<S> }[] = [];
  const invalid: IngestItemResult[] = [];
  items.forEach((raw, index) => {
    const unstorable = unstorableIssues(raw);
    if (unstorable.length > 0) {
      invalid.push(rejected(index, prefix, unstorable));
      return;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) valid.push({ index, item: parsed.data });
    else invalid.push(rejected(index, prefix, issuesFromZodError(parsed.error)));
  });
  return { valid, invalid };
}

/**
 * The item's own failure as a rejection: the database refused its data (a data
 * exception or a CHECK constraint), so the same item fails on every retry.
 * Undefined for anything else, which the caller rethrows.
 */
export function refusedByDatabase(
  index: number,
  prefix: string,
  error: unknown,
): IngestItemResult | undefined {
  if (!isDataRejection(error)) return undefined;
  return rejected(index, prefix, [
    { path: '', message: `The database refused the item: ${rejectionReason(error)}` },
  ]);
}
