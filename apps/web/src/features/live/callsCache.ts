import type { Call, CallChangedMessage } from '@watchfloor/contracts';
import { isFinalCallStatus } from '@watchfloor/domain';

/** What applying one `calls:changed` message did to the open-calls list. */
export interface CallsUpdate {
  /** The new list; the very same array when nothing changed, so React skips a render. */
  calls: Call[];
  /**
   * A call whose version jumped by more than one: a message was missed. The message still
   * carries the whole call and is applied, but what was missed may have moved the call out of
   * view and back, so it is read again over REST to be sure.
   */
  refetchCallId: string | null;
}

/**
 * Applies one `calls:changed` message to the open-calls list. Messages are per-call ordered
 * by `seq` (the call's version): a `seq` no newer than what is held is ignored, so replaying
 * a message twice, or onto a snapshot that already has it, changes nothing.
 */
export function applyCallChanged(calls: Call[], message: CallChangedMessage): CallsUpdate {
  const callId = 'removed' in message ? message.callId : message.call.id;
  const index = calls.findIndex((call) => call.id === callId);
  const held = index === -1 ? undefined : calls[index];
  const unchanged: CallsUpdate = { calls, refetchCallId: null };

  if (held && message.seq <= held.version) return unchanged;

  if ('removed' in message || isFinalCallStatus(message.call.status)) {
    return held ? { calls: calls.toSpliced(index, 1), refetchCallId: null } : unchanged;
  }

  const refetchCallId = held && message.seq > held.version + 1 ? callId : null;
  const next = held ? calls.with(index, message.call) : [...calls, message.call];
  return { calls: next, refetchCallId };
}

/** Takes a call out of the list (it is gone or no longer visible: REST answered 404). */
export function removeCall(calls: Call[], callId: string): Call[] {
  const index = calls.findIndex((call) => call.id === callId);
  return index === -1 ? calls : calls.toSpliced(index, 1);
}
