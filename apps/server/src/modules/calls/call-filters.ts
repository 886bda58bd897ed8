import { inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { calls } from '../../db/schema.ts';

/** Calls in these districts; `null` stands for calls outside every district. */
export function districtIn(districts: readonly (string | null)[]): SQL {
  const codes = districts.filter((code) => code !== null);
  return (
    or(
      codes.length ? inArray(calls.district, codes) : undefined,
      districts.includes(null) ? isNull(calls.district) : undefined,
    ) ?? sql`false`
  );
}
