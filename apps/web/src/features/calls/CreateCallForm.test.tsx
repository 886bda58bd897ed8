import type { Role } from '@watchfloor/authz';
import { CSRF_HEADER, type AgencyConfig, type Call } from '@watchfloor/contracts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createFakeFetch, json, type RecordedRequest } from '../../testing/fakeFetch.ts';
import { meFor, testAgency } from '../../testing/fixtures.ts';
import { buildCall } from '../../testing/liveFixtures.ts';
import { renderWithApp } from '../../testing/renderWithApp.tsx';
import { RequireSession } from '../auth/RequireSession.tsx';
import { openCallsQueryKey } from '../live/liveQueries.ts';
import { CreateCallForm } from './CreateCallForm.tsx';
import { NewCallButton } from './NewCallButton.tsx';

const agency: AgencyConfig = {
  ...testAgency,
  priorities: [
    { level: 1, label: 'Emergency', targets: {} },
    { level: 2, label: 'Urgent', targets: {} },
    { level: 3, label: 'Routine', targets: {} },
  ],
  callTypes: [
    { code: 'THEFT', description: 'Theft', defaultPriority: 3, officerInitiated: false },
    { code: 'ROBB', description: 'Robbery', defaultPriority: 1, officerInitiated: false },
  ],
};

function Harness({ onCreated }: { onCreated: (call: Call) => void }) {
  const [locationText, setLocationText] = useState('');
  const [picking, setPicking] = useState(false);
  return (
    <CreateCallForm
      agency={agency}
      locationText={locationText}
      onLocationTextChange={setLocationText}
      picking={picking}
      onPickingChange={setPicking}
      onCreated={onCreated}
      onCancel={() => {}}
    />
  );
}

function setUp(respond?: (request: RecordedRequest) => Response | undefined) {
  const onCreated = vi.fn<(call: Call) => void>();
  const { fetch, requests } = createFakeFetch((request) => {
    const own = respond?.(request);
    if (own) return own;
    if (request.url === '/api/me') return json(200, meFor('dispatcher'));
    if (request.url === '/api/auth/csrf') return json(200, { csrfToken: 'token-1' });
    return undefined;
  });
  const routes = [
    { path: '/sign-in', element: <p>Sign-in page</p> },
    {
      path: '/new',
      element: (
        <RequireSession>
          <Harness onCreated={onCreated} />
        </RequireSession>
      ),
    },
  ];
  const view = renderWithApp(routes, { path: '/new', fetch });
  return { ...view, requests, onCreated };
}

const value = (label: string) => screen.getByLabelText<HTMLInputElement>(label).value;
const change = (label: string, text: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value: text } });

describe('CreateCallForm', () => {
  it('defaults the priority from the call type until the dispatcher picks one', async () => {
    setUp();
    await screen.findByLabelText('Call type');
    expect(value('Priority')).toBe('');
    change('Call type', 'THEFT');
    expect(value('Priority')).toBe('3');
    change('Call type', 'ROBB');
    expect(value('Priority')).toBe('1');

    change('Priority', '2');
    change('Call type', 'THEFT');
    expect(value('Priority')).toBe('2');
  });

  it('shows each problem beside its field before sending anything', async () => {
    const view = setUp();
    await screen.findByLabelText('Call type');
    change('Location (lat, lon)', '95, 10');
    change('Caller phone', '5'.repeat(41));
    fireEvent.click(screen.getByRole('button', { name: 'Create call' }));

    const location = screen.getByLabelText('Location (lat, lon)');
    expect(location.getAttribute('aria-invalid')).toBe('true');
    const described = document.getElementById(location.getAttribute('aria-describedby')!);
    expect(described?.textContent).toMatch(/Latitude must be between -90 and 90/);
    const callType = screen.getByLabelText('Call type');
    expect(callType.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(callType.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Choose a call type.',
    );
    expect(screen.getByLabelText('Caller phone').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Address').getAttribute('aria-invalid')).toBe('false');
    expect(view.requests.some((request) => request.url === '/api/calls')).toBe(false);

    change('Location (lat, lon)', 'somewhere');
    fireEvent.click(screen.getByRole('button', { name: 'Create call' }));
    expect(screen.getByText(/Write the location as two numbers/)).toBeTruthy();
  });

  it('sends the body with CSRF, stores the new call and hands it back', async () => {
    const existing = buildCall();
    const created = buildCall({ callType: 'ROBB', priority: 1, lat: 41.881, lon: -87.623 });
    const view = setUp((request) =>
      request.url === '/api/calls' && request.method === 'POST' ? json(201, created) : undefined,
    );
    await screen.findByLabelText('Call type');
    view.services.queryClient.setQueryData(openCallsQueryKey, [existing]);
    change('Call type', 'ROBB');
    change('Location (lat, lon)', '41.881, -87.623');
    change('Address', '  1 State St ');
    change('Caller name', 'Ann Caller');
    change('Narrative', 'Bag snatched');
    fireEvent.click(screen.getByRole('button', { name: 'Create call' }));

    await waitFor(() => expect(view.onCreated).toHaveBeenCalledWith(created));
    const post = view.requests.find((request) => request.url === '/api/calls')!;
    expect(post.method).toBe('POST');
    expect(post.headers.get(CSRF_HEADER)).toBe('token-1');
    expect(post.body).toEqual({
      callType: 'ROBB',
      priority: 1,
      lat: 41.881,
      lon: -87.623,
      address: '1 State St',
      callerName: 'Ann Caller',
      narrative: 'Bag snatched',
    });
    expect(view.services.queryClient.getQueryData<Call[]>(openCallsQueryKey)).toEqual([
      existing,
      created,
    ]);
  });

  it('puts the server’s 400 issues beside their fields', async () => {
    const view = setUp((request) =>
      request.url === '/api/calls'
        ? json(400, {
            error: {
              code: 'validation_failed',
              message: 'Invalid body',
              issues: [
                { path: 'callType', message: 'Unknown call type' },
                { path: 'lon', message: 'Outside the agency' },
              ],
            },
          })
        : undefined,
    );
    await screen.findByLabelText('Call type');
    change('Call type', 'THEFT');
    change('Location (lat, lon)', '41.9 -87.7');
    fireEvent.click(screen.getByRole('button', { name: 'Create call' }));

    expect(await screen.findByText('Unknown call type')).toBeTruthy();
    const callType = screen.getByLabelText('Call type');
    expect(callType.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(callType.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Unknown call type',
    );
    const location = screen.getByLabelText('Location (lat, lon)');
    expect(document.getElementById(location.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Outside the agency',
    );
    expect(view.onCreated).not.toHaveBeenCalled();
  });
});

function renderButton(role: Role) {
  const onOpen = vi.fn();
  const { fetch } = createFakeFetch((request) =>
    request.url === '/api/me' ? json(200, meFor(role)) : undefined,
  );
  renderWithApp(
    [
      { path: '/sign-in', element: <p>Sign-in page</p> },
      {
        path: '/map',
        element: (
          <RequireSession>
            <p>Signed in</p>
            <NewCallButton open={false} onOpen={onOpen} />
          </RequireSession>
        ),
      },
    ],
    { path: '/map', fetch },
  );
  return onOpen;
}

describe('NewCallButton', () => {
  it('opens the form from the button and the N key for dispatchers', async () => {
    const onOpen = renderButton('dispatcher');
    fireEvent.click(await screen.findByRole('button', { name: 'New call' }));
    fireEvent.keyDown(document.body, { key: 'n' });
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it('is not there for supervisors, and N does nothing', async () => {
    const onOpen = renderButton('supervisor');
    await screen.findByText('Signed in');
    expect(screen.queryByRole('button', { name: 'New call' })).toBeNull();
    fireEvent.keyDown(document.body, { key: 'n' });
    expect(onOpen).not.toHaveBeenCalled();
  });
});
