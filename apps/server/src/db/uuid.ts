/**
 * Whether `id` can be looked up in a uuid column at all. Anything else (a typo, a
 * hostile path segment) would make PostgreSQL raise instead of finding nothing, so
 * services answer 404 for it without asking.
 */
export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
