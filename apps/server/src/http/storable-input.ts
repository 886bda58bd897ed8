import type { Request, RequestHandler } from 'express';
import { unstorableIssues, unstorableReason, type Issue } from '@watchfloor/contracts';
import { HttpError } from './errors.ts';

const notUtf8 = 'Not valid percent-encoded UTF-8';

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Path segments that do not decode, or decode to text that cannot be stored. The
 * router decodes route parameters lazily and would throw mid-route; checking every
 * segment here covers every parameter of every route, whatever its name.
 */
function pathIssues(path: string): Issue[] {
  return path
    .split('/')
    .filter(Boolean)
    .flatMap((segment, index) => {
      if (!decodes(segment))
        return [
          { path: 'path', message: `Segment ${index + 1} is not valid percent-encoded UTF-8` },
        ];
      const reason = unstorableReason(decodeURIComponent(segment));
      return reason ? [{ path: 'path', message: `Segment ${index + 1}: ${reason}` }] : [];
    });
}

/**
 * The query parser replaces bytes that are not UTF-8 with U+FFFD, silently changing
 * the filter; such a parameter is refused instead, and a NUL anywhere is too.
 */
function queryIssues(req: Request): Issue[] {
  const start = req.originalUrl.indexOf('?');
  const raw = start === -1 ? '' : req.originalUrl.slice(start + 1);
  const undecodable = raw
    .split('&')
    .filter((pair) => !decodes(pair.replaceAll('+', ' ')))
    .map((pair) => {
      const name = pair.split('=')[0] ?? '';
      return { path: decodes(name) ? decodeURIComponent(name) : name, message: notUtf8 };
    });
  return undecodable.length > 0 ? undecodable : unstorableIssues(req.query);
}

/**
 * Refuses, with 400 naming where and why, any request whose URL path, query string
 * or JSON body holds text PostgreSQL cannot store (NUL, lone surrogates), bytes that
 * are not UTF-8, or nesting too deep to read safely. Runs after the body parser and
 * before any route, so no route ever sees such input.
 */
export const rejectUnstorableInput: RequestHandler = (req, _res, next) => {
  const locations: [string, () => Issue[]][] = [
    ['URL path', () => pathIssues(req.path)],
    ['query string', () => queryIssues(req)],
    ['request body', () => unstorableIssues(req.body)],
  ];
  for (const [where, check] of locations) {
    const issues = check();
    if (issues.length > 0) {
      next(
        new HttpError(400, 'validation_failed', `The ${where} has text that cannot be stored`, {
          issues,
        }),
      );
      return;
    }
  }
  next();
};
