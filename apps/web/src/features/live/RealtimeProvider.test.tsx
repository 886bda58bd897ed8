import type { Call } from '@watchfloor/contracts';
import { act, render, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { AppProviders, type AppServices } from '../../app/AppProviders.tsx';
import { createQueryClient } from '../../app/queryClient.ts';
import { createHttpClient } from '../../lib/http.ts';
import { createI18n } from '../../lib/i18n.ts';
import { createFakeFetch, json, type RecordedRequest } from '../../testing/fakeFetch.ts';
import { createFakeSocket } from '../../testing/fakeSocket.ts';
import { meFor, testAgency } from '../../testing/fixtures.ts';
import { buildCall, buildPosition, buildUnit } from '../../testing/liveFixtures.ts';
import { meQueryKey } from '../auth/session.ts';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { reconnectDelayMs } from './liveConfig.ts';
import { openCallsQueryKey, useOpenCalls, useUnits } from './liveQueries.ts';
import type { PositionStore } from './positionStore.ts';
import { usePositionStore } from './realtimeContext.ts';
import { RealtimeProvider } from './RealtimeProvider.tsx';

/** Shows what the open-calls query holds, so tests can read the cache through the page. */
function CallsProbe() {
  const calls = useOpenCalls();
  useUnits();
  return <p data-testid="calls">{calls.data?.map((call) => call.priority).join(',') ?? '…'}</p>;
}

interface ServerState {
  calls: Call[];
  /** Answers for single-call reads; absent ids get a 404. */
  callById?: Map<string, Call>;
  /** When set, the calls list waits for this before answering. */
  holdList?: Promise<void>;
  /** How `/api/me` answers; signed in by default. */
  me?: 'signedIn' | 'signedOut' | 'unreachable';
}

function setUp(server: ServerState) {
  const { fetch, requests } = createFakeFetch((request: RecordedRequest) => {
    const path = request.url.split('?')[0];
    if (path === '/api/agency') return json(200, testAgency);
    if (path === '/api/me') {
      if (server.me === 'signedOut') {
        return json(401, { error: { code: 'unauthenticated', message: 'Sign in' } });
      }
      if (server.me === 'unreachable') return Promise.reject(new TypeError('Failed to fetch'));
      return json(200, meFor('dispatcher'));
    }
    if (path === '/api/units') return json(200, { units: [] });
    if (path === '/api/calls') {
      return (server.holdList ?? Promise.resolve()).then(() => json(200, { calls: server.calls }));
    }
    const single = /^\/api\/calls\/(.+)$/.exec(path ?? '');
    if (single) {
      const call = server.callById?.get(single[1]!);
      return call
        ? json(200, { ...call, timeline: [] })
        : json(404, { error: { code: 'not_found', message: 'No such call' } });
    }
    return undefined;
  });
  const http = createHttpClient({ fetch });
  const queryClient = createQueryClient({ onSignedOut: () => {} });
  queryClient.setDefaultOptions({ queries: { retry: false } });
  const services: AppServices = { http, queryClient, i18n: createI18n() };
  const fake = createFakeSocket();
  const held: { store: PositionStore | null } = { store: null };
  function StoreProbe() {
    const store = usePositionStore();
    useEffect(() => {
      held.store = store;
    }, [store]);
    return null;
  }
  const view = render(
    <AppProviders services={services}>
      <RealtimeProvider createSocket={() => fake.socket}>
        <ConnectionBanner />
        <CallsProbe />
        <StoreProbe />
      </RealtimeProvider>
    </AppProviders>,
  );
  const count = (path: string) =>
    requests.filter((request) => request.url.split('?')[0] === path).length;
  return { ...view, fake, queryClient, requests, count, store: () => held.store };
}

const callsText = () => screen.getByTestId('calls').textContent;

describe('RealtimeProvider', () => {
  it('connects once mounted and shows no banner while connecting or live', async () => {
    const { fake } = setUp({ calls: [] });
    expect(fake.state.connectCalls).toBe(1);
    expect(screen.getByRole('status').textContent).toBe('');
    act(() => fake.fire('connect'));
    expect(screen.getByRole('status').textContent).toBe('');
    await waitFor(() => expect(callsText()).toBe(''));
  });

  it('shows the banner when the socket goes down, and announces its return', async () => {
    const { fake } = setUp({ calls: [] });
    act(() => fake.fire('connect'));
    await screen.findByTestId('calls');
    act(() => fake.drop());
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(
        /^Live updates lost — reconnecting… Last update \d\d:\d\d:\d\d\.$/,
      ),
    );
    act(() => fake.fire('connect'));
    expect(screen.getByRole('status').textContent).toBe('Live updates restored.');
  });

  it('says no update has arrived when the first connection fails', () => {
    const { fake } = setUp({ calls: [] });
    act(() => fake.fire('connect_error', new Error('refused')));
    expect(screen.getByRole('status').textContent).toContain('No live update has arrived yet.');
  });

  it('reloads the REST snapshots on every (re)connect', async () => {
    const { fake, count } = setUp({ calls: [] });
    await waitFor(() => expect(count('/api/calls')).toBe(1));
    act(() => fake.fire('connect'));
    await waitFor(() => expect(count('/api/calls')).toBe(2));
    expect(count('/api/units')).toBe(2);
    act(() => fake.drop());
    act(() => fake.fire('connect'));
    await waitFor(() => expect(count('/api/calls')).toBe(3));
    expect(count('/api/units')).toBe(3);
  });

  it('reloads the REST snapshots when the server says live:resync', async () => {
    const { fake, count } = setUp({ calls: [] });
    act(() => fake.fire('connect'));
    await waitFor(() => expect(count('/api/calls')).toBe(2));
    act(() => fake.fire('live:resync', { reason: 'relay_restored' }));
    await waitFor(() => expect(count('/api/calls')).toBe(3));
    expect(count('/api/units')).toBe(3);
  });

  it('applies calls:changed to the cached list', async () => {
    const call = buildCall({ priority: 3 });
    const { fake } = setUp({ calls: [call] });
    act(() => fake.fire('connect'));
    await waitFor(() => expect(callsText()).toBe('3'));

    act(() => fake.fire('calls:changed', { seq: 2, call: { ...call, priority: 1, version: 2 } }));
    await waitFor(() => expect(callsText()).toBe('1'));
    const added = buildCall({ priority: 2 });
    act(() => fake.fire('calls:changed', { seq: 1, call: added }));
    await waitFor(() => expect(callsText()).toBe('1,2'));
    act(() => fake.fire('calls:changed', { seq: 3, callId: call.id, removed: true }));
    await waitFor(() => expect(callsText()).toBe('2'));
  });

  it('reads a call again over REST when its version jumps', async () => {
    const call = buildCall({ priority: 3 });
    const current = { ...call, priority: 1, version: 6 };
    const { fake, requests } = setUp({ calls: [call], callById: new Map([[call.id, current]]) });
    act(() => fake.fire('connect'));
    await waitFor(() => expect(callsText()).toBe('3'));

    act(() => fake.fire('calls:changed', { seq: 5, call: { ...call, priority: 2, version: 5 } }));
    // Applied at once, then replaced by what REST has now.
    await waitFor(() => expect(callsText()).toBe('1'));
    expect(requests.map((request) => request.url)).toContain(`/api/calls/${call.id}`);
  });

  it('keeps a change that arrives while the snapshot is on its way', async () => {
    const call = buildCall({ priority: 3 });
    let release!: () => void;
    const holdList = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { fake, queryClient, count } = setUp({ calls: [call], holdList });
    act(() => fake.fire('connect'));
    // The reload after connecting is on its way when the change arrives.
    await waitFor(() => expect(count('/api/calls')).toBe(2));
    act(() => fake.fire('calls:changed', { seq: 2, call: { ...call, priority: 1, version: 2 } }));
    expect(queryClient.getQueryData(openCallsQueryKey)).toBeUndefined();
    release();
    // The snapshot still says priority 3; the journal replays the newer message onto it.
    await waitFor(() => expect(callsText()).toBe('1'));
  });

  it('reloads the list when a message does not match the contract', async () => {
    const { fake, count } = setUp({ calls: [] });
    act(() => fake.fire('connect'));
    await waitFor(() => expect(count('/api/calls')).toBe(2));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    act(() => fake.fire('calls:changed', { seq: 'nine' }));
    await waitFor(() => expect(count('/api/calls')).toBe(3));
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('merges position batches into the store without touching the query cache', async () => {
    const unit = buildUnit();
    const { fake, store, queryClient } = setUp({ calls: [] });
    act(() => fake.fire('connect'));
    await waitFor(() => expect(callsText()).toBe(''));
    const cacheBefore = queryClient
      .getQueryCache()
      .getAll()
      .map((query) => query.state.data);
    fake.fire('units:positions', {
      at: '2026-01-15T18:00:01Z',
      positions: [buildPosition(unit.id, { lat: 41.9 })],
    });
    expect(store()?.get(unit.id)?.lat).toBe(41.9);
    expect(
      queryClient
        .getQueryCache()
        .getAll()
        .map((query) => query.state.data),
    ).toEqual(cacheBefore);
  });

  it('reconnects after a pause when the server cuts the socket, and checks the session', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { fake, count } = setUp({ calls: [] });
      act(() => fake.fire('connect'));
      const before = count('/api/me');
      act(() => fake.cutByServer());
      expect(screen.getByRole('status').textContent).toContain('Live updates lost');
      await vi.waitFor(() => expect(count('/api/me')).toBe(before + 1));
      // Socket.IO does not retry after the server cut it; the provider does, after a pause.
      expect(fake.state.connectCalls).toBe(1);
      act(() => {
        vi.advanceTimersByTime(reconnectDelayMs.first);
      });
      expect(fake.state.connectCalls).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('signs out when the session turns out to be over', async () => {
    const { fake, queryClient } = setUp({ calls: [], me: 'signedOut' });
    queryClient.setQueryData(meQueryKey, meFor('dispatcher'));
    act(() => fake.fire('connect'));
    act(() => fake.cutByServer());
    await waitFor(() => expect(queryClient.getQueryData(meQueryKey)).toBeNull());
  });

  it('leaves the session alone when the server cannot be reached (a restart)', async () => {
    const { fake, queryClient, count } = setUp({ calls: [], me: 'unreachable' });
    const me = meFor('dispatcher');
    queryClient.setQueryData(meQueryKey, me);
    act(() => fake.fire('connect'));
    act(() => fake.cutByServer());
    await waitFor(() => expect(count('/api/me')).toBe(1));
    expect(queryClient.getQueryData(meQueryKey)).toEqual(me);
    expect(queryClient.getQueryState(meQueryKey)?.status).toBe('success');
  });

  it('closes the socket and removes its listeners when unmounted', () => {
    const { fake, unmount } = setUp({ calls: [] });
    expect(fake.listenerCount()).toBe(7);
    unmount();
    expect(fake.listenerCount()).toBe(0);
    expect(fake.state.disconnectCalls).toBe(1);
  });
});
