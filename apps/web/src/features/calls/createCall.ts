import {
  callSchema,
  createCallRequestSchema,
  issuesFromZodError,
  type Call,
  type CreateCallRequest,
  type Issue,
} from '@watchfloor/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { storeCall } from './callDetailQueries.ts';

/** The fields of the create-call form that can carry a message. */
export type CreateCallField =
  'callType' | 'priority' | 'location' | 'address' | 'callerName' | 'callerPhone' | 'narrative';

export type FieldErrors = Partial<Record<CreateCallField, string>>;

export type ParsedCoordinates =
  { ok: true; lat: number; lon: number } | { ok: false; reason: 'empty' | 'format' | 'range' };

const NUMBER = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)`;
const COORDINATES = new RegExp(String.raw`^\s*(${NUMBER})\s*[,;\s]\s*(${NUMBER})\s*$`);

/** Reads "lat, lon" (decimal degrees, comma, semicolon or space between them). */
export function parseCoordinates(text: string): ParsedCoordinates {
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  const match = COORDINATES.exec(text);
  if (!match) return { ok: false, reason: 'format' };
  const lat = Number(match[1]);
  const lon = Number(match[2]);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return { ok: false, reason: 'format' };
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return { ok: false, reason: 'range' };
  return { ok: true, lat, lon };
}

/** Coordinates as the form shows them: enough decimals for about a metre. */
export function formatCoordinates(lat: number, lon: number): string {
  return `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
}

/** Where a request field's message goes on the form. */
export function fieldOfPath(path: string): CreateCallField | null {
  const head = path.split('.')[0];
  switch (head) {
    case 'lat':
    case 'lon':
      return 'location';
    case 'callType':
    case 'priority':
    case 'address':
    case 'callerName':
    case 'callerPhone':
    case 'narrative':
      return head;
    default:
      return null;
  }
}

/**
 * Spreads issues over the fields; the first message per field wins. Issues that belong to
 * no field come back in `other`.
 */
export function fieldErrorsOf(issues: readonly Issue[]): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const field = fieldOfPath(issue.path);
    if (field) fields[field] ??= issue.message;
    else other.push(issue.message);
  }
  return { fields, other };
}

/** Checks a request body with the shared contract. */
export function validateCreateCall(
  body: CreateCallRequest,
): { ok: true; body: CreateCallRequest } | { ok: false; issues: Issue[] } {
  const parsed = createCallRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, body };
  return { ok: false, issues: issuesFromZodError(parsed.error) };
}

/** Creates a call; the answer goes into the open list before the caller hears of it. */
export function useCreateCall() {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCallRequest): Promise<Call> =>
      http.request('/api/calls', { method: 'POST', body, schema: callSchema }),
    onSuccess: (call) => storeCall(queryClient, call),
  });
}
