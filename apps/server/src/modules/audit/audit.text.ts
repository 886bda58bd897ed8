/**
 * PostgreSQL cannot store every JavaScript string: `jsonb` and `text` refuse
 * NUL (U+0000), and `jsonb` refuses a lone UTF-16 surrogate (`\ud800`). An
 * audit row must be written whatever text a failure or a request carried —
 * a refused insert would lose exactly the attempts worth recording — so such
 * characters are replaced by visible stand-ins: NUL by U+2400 (␀, "symbol for
 * null") and a lone surrogate by U+FFFD (the replacement character).
 */
export function storableText(text: string): string {
  return text.toWellFormed().replaceAll('\u0000', '\u2400');
}

/** `storableText` applied to every string, key and value, of a JSON-like value. */
export function storableDetails(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableDetails);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [storableText(key), storableDetails(inner)]),
    );
  }
  return value;
}
