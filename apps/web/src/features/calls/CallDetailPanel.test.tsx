import type { Role } from '@watchfloor/authz';
import { CSRF_HEADER, type Call, type CallEvent } from '@watchfloor/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, type RecordedRequest } from '../../testing/fakeFetch.ts';
import { meFor, testAgency } from '../../testing/fixtures.ts';
import { buildCall, buildUnit } from '../../testing/liveFixtures.ts';
import { renderWithApp } from '../../testing/renderWithApp.tsx';
import { RequireSession } from '../auth/RequireSession.tsx';
import { openCallsQueryKey } from '../live/liveQueries.ts';
import { CallDetailPanel } from './CallDetailPanel.tsx';

const position = (lat: number, lon: number) => ({
  lat,
  lon,
  heading: null,
  speed: null,
  accuracy: null,
  at: '2026-01-15T18:00:00.000Z',
});

function event(call: Call, overrides: Partial<CallEvent> = {}): CallEvent {
  return {
    id: 1,
    callId: call.id,
    version: 1,
    type: 'created',
    at: '2026-01-15T18:00:00.000Z',
    recordedAt: '2026-01-15T18:00:01.000Z',
    actor: 'dispatcher1',
    data: {},
    ...overrides,
  };
}

interface Setup {
  role: Role;
  call: Call;
  units?: ReturnType<typeof buildUnit>[];
  respond?: (request: RecordedRequest) => Response | undefined;
}

function setUp({ role, call, units = [], respond }: Setup) {
  const { fetch, requests } = createFakeFetch((request) => {
    const own = respond?.(request);
    if (own) return own;
    if (request.url === '/api/me') return json(200, meFor(role));
    if (request.url === '/api/agency') return json(200, testAgency);
    if (request.url === '/api/auth/csrf') return json(200, { csrfToken: 'token-1' });
    if (request.url === '/api/units') return json(200, { units });
    if (request.url === `/api/calls/${call.id}` && request.method === 'GET') {
      return json(200, { ...call, timeline: [event(call)] });
    }
    return undefined;
  });
  const routes = [
    { path: '/sign-in', element: <p>Sign-in page</p> },
    {
      path: '/call',
      element: (
        <RequireSession>
          <CallDetailPanel callId={call.id} agency={testAgency} />
        </RequireSession>
      ),
    },
  ];
  const view = renderWithApp(routes, { path: '/call', fetch });
  view.services.queryClient.setQueryData(openCallsQueryKey, [call]);
  return { ...view, requests };
}

const dispatcherCall = () =>
  buildCall({
    callerName: 'Ann Caller',
    callerPhone: '555-0100',
    narrative: 'Bike taken from the porch',
    notes: [{ at: '2026-01-15T18:01:00.000Z', author: 'dispatcher1', text: 'Caller on scene' }],
  });

describe('CallDetailPanel', () => {
  it('shows caller data, notes and the timeline in the agency time zone', async () => {
    const call = dispatcherCall();
    setUp({ role: 'dispatcher', call });
    expect(await screen.findByText('Ann Caller')).toBeTruthy();
    expect(screen.getByText('555-0100')).toBeTruthy();
    expect(screen.getByText('Caller on scene')).toBeTruthy();
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    // 18:00 UTC is 12:00 in Chicago in January.
    expect(await within(timeline).findByText(/12:00:00/)).toBeTruthy();
    expect(within(timeline).getByText(/dispatcher1/)).toBeTruthy();
    expect(within(timeline).getByText('Created')).toBeTruthy();
  });

  it('recommends available units nearest first and assigns with CSRF, updating the cache', async () => {
    const call = buildCall({ lat: 41.85, lon: -87.65 });
    const far = buildUnit({ callSign: 'FAR', position: position(41.9, -87.65) });
    const near = buildUnit({ callSign: 'NEAR', position: position(41.855, -87.65) });
    const assigned: Call = {
      ...call,
      status: 'dispatched',
      version: 2,
      assignedUnits: [{ id: near.id, callSign: 'NEAR', status: 'dispatched' }],
    };
    const view = setUp({
      role: 'dispatcher',
      call,
      units: [far, near],
      respond: (request) =>
        request.url === `/api/calls/${call.id}/assign` ? json(200, assigned) : undefined,
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Assign…' }));
    const list = await screen.findByRole('list', { name: 'Available units, nearest first' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^NEAR 0\.6 km · about 1 min Recommended/),
      expect.stringMatching(/^FAR 5\.6 km · about 8 min/),
    ]);
    fireEvent.click(within(items[0]!).getByRole('button', { name: 'Assign NEAR' }));

    await waitFor(() =>
      expect(view.services.queryClient.getQueryData<Call[]>(openCallsQueryKey)?.[0]?.version).toBe(
        2,
      ),
    );
    const post = view.requests.find((request) => request.url.endsWith('/assign'))!;
    expect(post.method).toBe('POST');
    expect(post.body).toEqual({ unitId: near.id });
    expect(post.headers.get(CSRF_HEADER)).toBe('token-1');
  });

  it('offers only the legal unit moves and closes with a disposition', async () => {
    const call = buildCall({
      status: 'enroute',
      assignedUnits: [{ id: buildUnit().id, callSign: 'U1', status: 'enroute' }],
    });
    const closed: Call = { ...call, status: 'closed', disposition: 'RPT', version: 2 };
    const view = setUp({
      role: 'dispatcher',
      call,
      respond: (request) =>
        request.url === `/api/calls/${call.id}/close` ? json(200, closed) : undefined,
    });
    expect(await screen.findByRole('button', { name: 'U1: On scene' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'U1: Available' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'U1: En route' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Close…' }));
    fireEvent.change(screen.getByLabelText('Disposition'), { target: { value: 'RPT' } });
    fireEvent.click(screen.getByRole('button', { name: 'Close the call' }));
    await waitFor(() =>
      expect(view.services.queryClient.getQueryData<Call[]>(openCallsQueryKey)).toEqual([]),
    );
    expect(view.requests.find((request) => request.url.endsWith('/close'))?.body).toEqual({
      disposition: 'RPT',
    });
  });

  it('shows a version conflict with old and current values and retries on the current version', async () => {
    const call = buildCall({ priority: 3, version: 4 });
    const current: Call = { ...call, priority: 2, status: 'dispatched', version: 5 };
    const saved: Call = { ...current, priority: 1, version: 6 };
    const patches: RecordedRequest[] = [];
    const view = setUp({
      role: 'dispatcher',
      call,
      respond: (request) => {
        if (request.method !== 'PATCH') return undefined;
        patches.push(request);
        return request.headers.get('If-Match') === '"5"'
          ? json(200, saved)
          : json(409, {
              error: { code: 'version_conflict', message: 'Changed by someone else', current },
            });
      },
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Edit priority…' }));
    fireEvent.change(screen.getByLabelText('New priority'), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save priority' }));

    const conflict = await screen.findByText(/Someone else changed this call/);
    const box = conflict.parentElement!;
    expect(box.getAttribute('role')).toBe('alert');
    expect(within(box).getByText('Priority: P3 when you started, now P2')).toBeTruthy();
    expect(within(box).getByText('Status: Pending when you started, now Dispatched')).toBeTruthy();
    expect(patches[0]!.headers.get('If-Match')).toBe('"4"');
    expect(patches[0]!.headers.get(CSRF_HEADER)).toBe('token-1');

    fireEvent.click(within(box).getByRole('button', { name: 'Retry on the current version' }));
    await waitFor(() => expect(patches).toHaveLength(2));
    expect(patches[1]!.headers.get('If-Match')).toBe('"5"');
    expect(patches[1]!.body).toEqual({ priority: 1 });
    await waitFor(() =>
      expect(view.services.queryClient.getQueryData<Call[]>(openCallsQueryKey)?.[0]).toEqual(saved),
    );
    // The detail is read again for its new timeline entry.
    await waitFor(() =>
      expect(
        view.requests.filter(
          (request) => request.method === 'GET' && request.url === `/api/calls/${call.id}`,
        ),
      ).toHaveLength(2),
    );
  });

  it('shows the server message for an illegal transition', async () => {
    const call = buildCall();
    setUp({
      role: 'dispatcher',
      call,
      respond: (request) =>
        request.url.endsWith('/cancel')
          ? json(409, { error: { code: 'illegal_transition', message: 'Cannot cancel now' } })
          : undefined,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel call…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel the call' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Cannot cancel now');
  });

  it('shows 400 issues beside the control', async () => {
    const call = buildCall();
    setUp({
      role: 'dispatcher',
      call,
      respond: (request) =>
        request.url.endsWith('/notes')
          ? json(400, {
              error: {
                code: 'validation_failed',
                message: 'The request is invalid',
                issues: [{ path: 'text', message: 'Too long' }],
              },
            })
          : undefined,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Add note…' }));
    const field = screen.getByLabelText('Note');
    fireEvent.change(field, { target: { value: 'hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add the note' }));
    await screen.findByText('Too long');
    const describedBy = field.getAttribute('aria-describedby');
    expect(describedBy && document.getElementById(describedBy)?.textContent).toBe('Too long');
  });

  it('gives supervisors no action buttons', async () => {
    const call = dispatcherCall();
    setUp({ role: 'supervisor', call });
    expect(await screen.findByText('Ann Caller')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Actions' })).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows analysts no caller fields', async () => {
    const call = buildCall({ status: 'closed', disposition: 'RPT' });
    setUp({ role: 'analyst', call });
    expect(await screen.findByText('Not available to your role.')).toBeTruthy();
    expect(screen.queryByText('Name')).toBeNull();
    expect(screen.queryByText('Phone')).toBeNull();
    expect(screen.queryByText('Narrative')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
