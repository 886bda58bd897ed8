import type { Call } from '@watchfloor/contracts';

/**
 * The order a dispatcher works the queue in: calls nobody has been sent to yet first, then
 * the rest; within each, the most urgent priority first, then the longest waiting.
 */
export function compareOpenCalls(a: Call, b: Call): number {
  const pendingFirst = Number(b.status === 'pending') - Number(a.status === 'pending');
  if (pendingFirst !== 0) return pendingFirst;
  if (a.priority !== b.priority) return a.priority - b.priority;
  return Date.parse(a.receivedAt) - Date.parse(b.receivedAt);
}

export function sortOpenCalls(calls: readonly Call[]): Call[] {
  return calls.toSorted(compareOpenCalls);
}
