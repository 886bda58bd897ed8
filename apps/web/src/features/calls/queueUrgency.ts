import type { AgencyConfig, Call } from '@watchfloor/contracts';

/** How a call in the queue stands against its priority's targets. */
export type Urgency = 'ok' | 'amber' | 'red';

export interface UrgencyThresholds {
  /** Age in seconds at which the row turns amber, or null when nothing applies. */
  amberAfter: number | null;
  redAfter: number | null;
}

/** Before its response target runs out, a call on its way turns amber at this share of it. */
const responseWarningShare = 0.8;

/**
 * When a call's row changes colour, by its stage and its priority's targets (seconds since
 * it was received): a pending call turns amber once past the dispatch (`processing`) target
 * and red past the `response` target; a call with a unit on the way turns amber at 80 % of
 * the response target and red past it. On-scene calls have met or missed theirs already.
 */
export function urgencyThresholds(
  call: Pick<Call, 'status' | 'priority'>,
  priorities: AgencyConfig['priorities'],
): UrgencyThresholds {
  const targets = priorities.find((entry) => entry.level === call.priority)?.targets ?? {};
  const response = targets.response ?? null;
  if (call.status === 'pending') {
    return { amberAfter: targets.processing ?? null, redAfter: response };
  }
  if (call.status === 'dispatched' || call.status === 'enroute') {
    return {
      amberAfter: response === null ? null : Math.round(response * responseWarningShare),
      redAfter: response,
    };
  }
  return { amberAfter: null, redAfter: null };
}

export function urgencyAt(ageSeconds: number, thresholds: UrgencyThresholds): Urgency {
  if (thresholds.redAfter !== null && ageSeconds >= thresholds.redAfter) return 'red';
  if (thresholds.amberAfter !== null && ageSeconds >= thresholds.amberAfter) return 'amber';
  return 'ok';
}
