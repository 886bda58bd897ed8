/**
 * The life of a call for service. `closed` and `cancelled` are final. The order
 * of the live statuses is what "never move a call backwards" means for ingest.
 */
export const callStatuses = [
  'pending',
  'dispatched',
  'enroute',
  'onscene',
  'closed',
  'cancelled',
] as const;
export type CallStatus = (typeof callStatuses)[number];

export const openCallStatuses = ['pending', 'dispatched', 'enroute', 'onscene'] as const;
export const finalCallStatuses = ['closed', 'cancelled'] as const;

const callTransitions: Record<CallStatus, readonly CallStatus[]> = {
  // A call can be handled without sending anyone (advice by phone) or withdrawn.
  pending: ['dispatched', 'closed', 'cancelled'],
  // Back to pending when the last unit is unassigned.
  dispatched: ['pending', 'enroute', 'onscene', 'closed', 'cancelled'],
  enroute: ['pending', 'onscene', 'closed', 'cancelled'],
  onscene: ['closed'],
  closed: [],
  cancelled: [],
};

/** How far along a call is; final statuses rank highest. */
export function callStatusRank(status: CallStatus): number {
  return status === 'cancelled' ? callStatuses.indexOf('closed') : callStatuses.indexOf(status);
}

export function isFinalCallStatus(status: CallStatus): boolean {
  return status === 'closed' || status === 'cancelled';
}

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

/** Whether a call may go from `from` to `to`, with the reason when it may not. */
export function checkCallTransition(from: CallStatus, to: CallStatus): TransitionCheck {
  if (callTransitions[from].includes(to)) return { ok: true };
  if (isFinalCallStatus(from)) return { ok: false, reason: `The call is already ${from}` };
  if (from === to) return { ok: false, reason: `The call is already ${from}` };
  return { ok: false, reason: `A call cannot go from ${from} to ${to}` };
}

/** The instant field each status stamps when a call first reaches it. */
export const callStatusInstant = {
  pending: 'receivedAt',
  dispatched: 'dispatchedAt',
  enroute: 'enrouteAt',
  onscene: 'onsceneAt',
  closed: 'closedAt',
  cancelled: 'closedAt',
} as const satisfies Record<CallStatus, string>;
