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

/** Turns a zod error into `{ path, message }` issues. */
export function issuesFromZodError(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
