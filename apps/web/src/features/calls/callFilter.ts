import type { Call } from '@watchfloor/contracts';
import { openCallStatuses, type CallStatus } from '@watchfloor/domain';

/** The queue's filters; null means "any". Kept in the URL so a view can be shared. */
export interface CallFilter {
  status: CallStatus | null;
  priority: number | null;
  district: string | null;
  callType: string | null;
}

export const callFilterKeys = ['status', 'priority', 'district', 'type'] as const;

/** Reads the filters from the URL; a value that cannot be one is ignored, not an error. */
export function parseCallFilter(params: URLSearchParams): CallFilter {
  const status = params.get('status');
  const priority = Number(params.get('priority'));
  return {
    status: (openCallStatuses as readonly string[]).includes(status ?? '')
      ? (status as CallStatus)
      : null,
    priority: Number.isInteger(priority) && priority > 0 ? priority : null,
    district: params.get('district') || null,
    callType: params.get('type') || null,
  };
}

/** Writes the filters into a copy of `params`, leaving other parameters (the selection) alone. */
export function withCallFilter(params: URLSearchParams, filter: CallFilter): URLSearchParams {
  const next = new URLSearchParams(params);
  const values: Record<(typeof callFilterKeys)[number], string | number | null> = {
    status: filter.status,
    priority: filter.priority,
    district: filter.district,
    type: filter.callType,
  };
  for (const key of callFilterKeys) {
    const value = values[key];
    if (value === null) next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}

export function isFiltering(filter: CallFilter): boolean {
  return Object.values(filter).some((value) => value !== null);
}

export function filterCalls(calls: readonly Call[], filter: CallFilter): readonly Call[] {
  if (!isFiltering(filter)) return calls;
  return calls.filter(
    (call) =>
      (filter.status === null || call.status === filter.status) &&
      (filter.priority === null || call.priority === filter.priority) &&
      (filter.district === null || call.district === filter.district) &&
      (filter.callType === null || call.callType === filter.callType),
  );
}
