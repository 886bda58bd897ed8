import { z } from 'zod';

/** One problem with a request, pointing at the offending field. */
export const issueSchema = z.object({
  path: z.string().describe('Dotted path of the field, empty for the whole body'),
  message: z.string(),
});
export type Issue = z.infer<typeof issueSchema>;

/** Every error response has this shape. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string().describe('Stable machine-readable code, e.g. `validation_failed`'),
    message: z.string().describe('Human-readable summary'),
    issues: z.array(issueSchema).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/**
 * The issues to report for `issues`: a union that failed in exactly one branch of
 * the right type (an object where an array or an object is allowed) reports that
 * branch's own issues, so the path names the field at fault, not the union.
 */
function leafIssues(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []) {
  return issues.flatMap((issue): { path: PropertyKey[]; message: string }[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      const fitting = issue.errors.filter(
        (branch) =>
          !branch.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0),
      );
      if (fitting.length === 1) return leafIssues(fitting[0]!, path);
    }
    return [{ path, message: issue.message }];
  });
}

/** Turns a zod error into `{ path, message }` issues. */
export function issuesFromZodError(error: z.ZodError): Issue[] {
  return leafIssues(error.issues).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
