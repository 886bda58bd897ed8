import type { Issue } from './errors.ts';

/**
 * Deepest nesting a request may carry. Nothing Watchfloor accepts is nested more than a
 * few levels (an EIDO location is the deepest); a limit keeps every recursive reader safe.
 */
export const maxInputDepth = 64;

/** Most problems one check reports, so a hostile body cannot grow the response. */
const maxIssues = 20;

/**
 * Why PostgreSQL cannot store `text`, in plain words, or undefined when it can. A NUL
 * is refused by `text` and `jsonb`; a lone UTF-16 surrogate is not Unicode and has no
 * UTF-8 form.
 */
export function unstorableReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'Contains a NUL character (U+0000), which cannot be stored';
  if (!text.isWellFormed())
    return 'Contains a lone UTF-16 surrogate (such as \\ud800), which is not valid Unicode';
  return undefined;
}

/** The text with every unstorable character replaced by U+FFFD, safe to store or print. */
export function storableCopy(text: string): string {
  return text.replaceAll('\u0000', '\ufffd').toWellFormed();
}

/**
 * Every string and key in a parsed JSON value (or query object) that PostgreSQL
 * cannot store, and any nesting deeper than {@link maxInputDepth}, as issues with
 * dotted paths. Iterative, so a 10,000-deep body cannot exhaust the stack.
 */
export function unstorableIssues(value: unknown, prefix = ''): Issue[] {
  const issues: Issue[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value, path: prefix, depth: 0 },
  ];
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (pending.length > 0 && issues.length < maxIssues) {
    const { value: current, path, depth } = pending.pop()!;
    if (typeof current === 'string') {
      const reason = unstorableReason(current);
      if (reason) issues.push({ path, message: reason });
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxInputDepth) {
      issues.push({ path, message: `Nested more than ${maxInputDepth} levels deep` });
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      const reason = unstorableReason(key);
      if (reason) issues.push({ path: join(path, storableCopy(key)), message: `Key: ${reason}` });
      else pending.push({ value: child, path: join(path, key), depth: depth + 1 });
    }
  }
  return issues.slice(0, maxIssues).sort((a, b) => a.path.localeCompare(b.path));
}
