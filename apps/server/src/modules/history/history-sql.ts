/* Helpers shared by the history repositories. */
import { sql } from 'drizzle-orm';

export interface Window {
  /** Exclusive. */
  from: Date;
  /** Inclusive. */
  to: Date;
}

export const iso = (instant: Date) => instant.toISOString();
export const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
/** A list of ids as one JSON parameter, read back as a set of uuids. */
export const idList = (ids: readonly string[]) =>
  sql`(select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
