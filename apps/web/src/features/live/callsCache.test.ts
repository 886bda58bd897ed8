import { describe, expect, it } from 'vitest';
import { buildCall } from '../../testing/liveFixtures.ts';
import { applyCallChanged, removeCall } from './callsCache.ts';

describe('applyCallChanged', () => {
  it('adds a call it has not seen', () => {
    const held = buildCall();
    const arriving = buildCall({ version: 4 });
    const update = applyCallChanged([held], { seq: 4, call: arriving });
    expect(update.calls).toEqual([held, arriving]);
    expect(update.refetchCallId).toBeNull();
  });

  it('replaces a call with its next version, in place', () => {
    const first = buildCall();
    const second = buildCall();
    const dispatched = { ...second, status: 'dispatched' as const, version: 2 };
    const update = applyCallChanged([first, second], { seq: 2, call: dispatched });
    expect(update.calls).toEqual([first, dispatched]);
    expect(update.calls[0]).toBe(first);
    expect(update.refetchCallId).toBeNull();
  });

  it('ignores a message no newer than the call held, returning the same list', () => {
    const call = buildCall({ version: 5 });
    const calls = [call];
    for (const seq of [4, 5]) {
      const update = applyCallChanged(calls, { seq, call: { ...call, priority: 1, version: seq } });
      expect(update.calls).toBe(calls);
      expect(update.refetchCallId).toBeNull();
    }
  });

  it.each(['closed', 'cancelled'] as const)('drops a call that is now %s', (status) => {
    const call = buildCall({ version: 3 });
    const update = applyCallChanged([call], { seq: 4, call: { ...call, status, version: 4 } });
    expect(update.calls).toEqual([]);
  });

  it('does not add a call that arrives already closed', () => {
    const calls = [buildCall()];
    const closed = buildCall({ status: 'closed', version: 7 });
    expect(applyCallChanged(calls, { seq: 7, call: closed }).calls).toBe(calls);
  });

  it('drops a call the user may no longer see, unless it holds a newer version', () => {
    const call = buildCall({ version: 3 });
    expect(applyCallChanged([call], { seq: 4, callId: call.id, removed: true }).calls).toEqual([]);
    const calls = [call];
    expect(applyCallChanged(calls, { seq: 2, callId: call.id, removed: true }).calls).toBe(calls);
  });

  it('applies a call whose version jumped, and asks for it to be read again', () => {
    const call = buildCall({ version: 2 });
    const later = { ...call, status: 'enroute' as const, version: 5 };
    const update = applyCallChanged([call], { seq: 5, call: later });
    expect(update.calls).toEqual([later]);
    expect(update.refetchCallId).toBe(call.id);
  });

  it('gives the same list when a message is applied twice (replay is harmless)', () => {
    const call = buildCall();
    const message = { seq: 2, call: { ...call, priority: 1, version: 2 } };
    const once = applyCallChanged([call], message).calls;
    expect(applyCallChanged(once, message).calls).toBe(once);
  });
});

describe('removeCall', () => {
  it('removes by id and leaves the list alone when the call is absent', () => {
    const [a, b] = [buildCall(), buildCall()];
    expect(removeCall([a, b], a.id)).toEqual([b]);
    const calls = [b];
    expect(removeCall(calls, a.id)).toBe(calls);
  });
});
