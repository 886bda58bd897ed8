import type { AuditChainReport } from '@watchfloor/contracts';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, type RecordedRequest } from '../../testing/fakeFetch.ts';
import { meFor, testAgency } from '../../testing/fixtures.ts';
import { renderWithApp } from '../../testing/renderWithApp.tsx';
import { RequireSession } from '../auth/RequireSession.tsx';
import { AuditLogPage } from './AuditLogPage.tsx';
import { UsersPage } from './UsersPage.tsx';

const routes = [
  { path: '/sign-in', element: <p>Sign-in page</p> },
  {
    path: '/admin/users',
    element: (
      <RequireSession>
        <UsersPage />
      </RequireSession>
    ),
  },
  {
    path: '/admin/audit',
    element: (
      <RequireSession>
        <AuditLogPage />
      </RequireSession>
    ),
  },
];

/** An admin's session with the test agency; `respond` answers the page's own requests. */
function adminServer(respond: (request: RecordedRequest) => Response | undefined) {
  return createFakeFetch((request) => {
    if (request.url === '/api/me') return json(200, meFor('admin'));
    if (request.url === '/api/agency') return json(200, testAgency);
    return respond(request);
  });
}

const dispatcher = {
  id: '10000000-0000-4000-8000-000000000001',
  username: 'jdoe',
  displayName: 'Jane Doe',
  role: 'dispatcher',
  districts: [],
  disabled: false,
  locked: false,
  mustChangePassword: false,
  identityProvider: null,
  secondFactors: { totp: true, passkeys: 0 },
  createdAt: '2026-01-15T18:30:05Z',
  lastLoginAt: null,
};

function auditEvent(id: number) {
  return {
    id,
    at: '2026-07-01T12:00:00Z',
    actorUsername: id % 2 ? 'admin1' : null,
    actorLabel: id % 2 ? 'Ada Admin' : null,
    action: 'auth.login',
    subjectType: 'User',
    subjectId: 'u1',
    subjectLabel: id % 3 ? 'Jane Doe (jdoe)' : null,
    outcome: 'success',
    ip: '10.0.0.1',
    userAgent: 'Firefox/140',
    requestId: `req-${id}`,
    details: { method: 'password' },
    hash: 'ab12',
  };
}

describe('UsersPage', () => {
  it('lists accounts with times in the agency time zone', async () => {
    const server = adminServer((request) =>
      request.url === '/api/users'
        ? json(200, {
            users: [
              dispatcher,
              {
                ...dispatcher,
                id: '10000000-0000-4000-8000-000000000002',
                username: 'sup',
                role: 'supervisor',
                districts: ['D1', 'D2'],
                disabled: true,
                secondFactors: { totp: false, passkeys: 2 },
                lastLoginAt: '2026-07-15T18:30:05Z',
              },
              {
                ...dispatcher,
                id: '10000000-0000-4000-8000-000000000003',
                username: 'locked',
                role: 'analyst',
                locked: true,
              },
            ],
          })
        : undefined,
    );
    renderWithApp(routes, { path: '/admin/users', fetch: server.fetch });

    const table = await screen.findByRole('table', { name: 'User accounts' });
    await screen.findByText('Times are shown in America/Chicago.');
    const [, jane, sup, locked] = within(table).getAllByRole('row');
    const janeCells = within(jane!)
      .getAllByRole('cell')
      .slice(0, 7)
      .map((cell) => cell.textContent);
    expect(janeCells).toEqual([
      'Jane Doe',
      'Dispatcher',
      'All',
      'Active',
      'Authenticator app',
      '01/15/2026, 12:30:05',
      'Never',
    ]);
    const supCells = within(sup!)
      .getAllByRole('cell')
      .slice(0, 7)
      .map((cell) => cell.textContent);
    expect(supCells).toEqual([
      'Jane Doe',
      'Supervisor',
      'D1, D2',
      'Disabled',
      '2 passkeys',
      '01/15/2026, 12:30:05',
      '07/15/2026, 13:30:05',
    ]);
    expect(within(locked!).getAllByRole('cell')[3]?.textContent).toBe('Locked');
    // What an administrator can do depends on the account's state.
    const actions = (row: HTMLElement) =>
      within(row)
        .getAllByRole('button')
        .map((button) => button.textContent?.split(' ')[0]);
    expect(actions(jane!)).toEqual(['Manage', 'Disable', 'Reset']);
    expect(actions(sup!)).toEqual(['Manage', 'Enable', 'Reset']);
    expect(actions(locked!)).toEqual(['Manage', 'Disable', 'Unlock', 'Reset']);
    expect(document.title).toBe('Users · Watchfloor');
  });

  it('says when there are no accounts', async () => {
    const server = adminServer((r) =>
      r.url === '/api/users' ? json(200, { users: [] }) : undefined,
    );
    renderWithApp(routes, { path: '/admin/users', fetch: server.fetch });
    expect(await screen.findByText('There are no user accounts.')).toBeTruthy();
  });

  it('shows a failure with a way to try again', async () => {
    let failures = 1;
    const server = adminServer((r) => {
      if (r.url !== '/api/users') return undefined;
      return failures-- > 0
        ? json(500, { error: { code: 'internal', message: 'boom' } })
        : json(200, { users: [dispatcher] });
    });
    renderWithApp(routes, { path: '/admin/users', fetch: server.fetch });

    const alert = await screen.findByText('The server ran into a problem. Try again in a moment.');
    expect(alert.closest('[role="alert"]')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'User accounts' })).toBeTruthy();
  });
});

describe('AuditLogPage', () => {
  it('pages back through older events', async () => {
    const firstPage = Array.from({ length: 100 }, (_, index) => auditEvent(500 - index));
    const secondPage = [auditEvent(400), auditEvent(399)];
    const server = adminServer((request) => {
      if (request.url === '/api/audit?limit=100') return json(200, { events: firstPage });
      if (request.url === '/api/audit?limit=100&before=401') {
        return json(200, { events: secondPage });
      }
      return undefined;
    });
    renderWithApp(routes, { path: '/admin/audit', fetch: server.fetch });

    const table = await screen.findByRole('table', { name: 'Audit events, newest first' });
    expect(within(table).getAllByRole('row')).toHaveLength(101);
    // Times wait for the agency's time zone: 12:00 UTC is 07:00 in Chicago in July.
    await screen.findByText('Times are shown in America/Chicago.');
    const firstRow = within(table).getAllByRole('row')[1]!;
    expect(
      within(firstRow)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      '07/01/2026, 07:00:00',
      'System',
      'auth.login',
      'User Jane Doe (jdoe)',
      'Success',
      'Show',
    ]);
    // Without a name (the subject is gone), the raw id.
    expect(within(within(table).getAllByRole('row')[3]!).getAllByRole('cell')[3]?.textContent).toBe(
      'User u1',
    );
    const named = within(table).getAllByRole('row')[2]!;
    expect(within(named).getByText('Ada Admin').title).toBe('admin1');
    expect(within(named).getByText('User Jane Doe (jdoe)').title).toBe('u1');

    fireEvent.click(screen.getByRole('button', { name: 'Load older events' }));
    expect(await screen.findByText('No older events.')).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(103);
  });

  it('discloses an event’s full record on demand', async () => {
    const server = adminServer((request) =>
      request.url === '/api/audit?limit=100' ? json(200, { events: [auditEvent(7)] }) : undefined,
    );
    renderWithApp(routes, { path: '/admin/audit', fetch: server.fetch });
    const table = await screen.findByRole('table', { name: 'Audit events, newest first' });
    const toggle = within(table).getByRole('button', { name: 'Show details of event #7' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(table).getAllByRole('row')).toHaveLength(2);

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.getAttribute('aria-label')).toBe('Hide details of event #7');
    const region = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(region.textContent).toContain('Firefox/140');
    expect(region.textContent).toContain('req-7');
    expect(region.textContent).toContain('ab12');
    expect(region.textContent).toContain('User u1');
    expect(within(region).getByLabelText('Details').textContent).toContain('"method": "password"');

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });

  it('exports the search as CSV only with a purpose', async () => {
    const server = adminServer((request) =>
      request.url === '/api/audit?limit=100' ? json(200, { events: [auditEvent(7)] }) : undefined,
    );
    renderWithApp(routes, { path: '/admin/audit', fetch: server.fetch });
    const button = await screen.findByRole('button', { name: 'Export CSV' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Purpose'), {
      target: { value: 'Quarterly access review' },
    });
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });

  it('says how far the chain is verified, and alerts when it is broken', async () => {
    const report: AuditChainReport = {
      ok: true,
      chainedRows: 120,
      unchainedRows: 0,
      verifiedThrough: { eventId: 500, at: '2026-07-01T12:00:00Z' },
      checkpointsVerified: 3,
      lastCheckpoint: { eventId: 480, at: '2026-07-01T11:45:00Z' },
      problem: null,
    };
    let answer = report;
    const server = adminServer((request) => {
      if (request.url === '/api/audit/verification') return json(200, answer);
      if (request.url.startsWith('/api/audit')) return json(200, { events: [auditEvent(500)] });
      return undefined;
    });
    const first = renderWithApp(routes, { path: '/admin/audit', fetch: server.fetch });
    expect(
      await screen.findByText(
        'Chain verified up to #500 (07/01/2026, 07:00:00), 120 rows. Last signed checkpoint: #480, 07/01/2026, 06:45:00.',
      ),
    ).toBeTruthy();
    first.unmount();

    answer = {
      ...report,
      ok: false,
      problem: { eventId: 212, reason: '#212 no longer matches its hash: its content was changed' },
    };
    renderWithApp(routes, { path: '/admin/audit', fetch: server.fetch });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'The audit chain is broken: #212 no longer matches its hash: its content was changed',
    );
  });

  it('searches by actor, outcome and agency-local days, and says when nothing matches', async () => {
    const server = adminServer((request) => {
      if (request.url === '/api/audit/verification') return undefined;
      if (request.url === '/api/audit?limit=100') return json(200, { events: [auditEvent(500)] });
      if (request.url.startsWith('/api/audit?')) return json(200, { events: [] });
      return undefined;
    });
    renderWithApp(routes, { path: '/admin/audit', fetch: server.fetch });
    await screen.findByRole('table', { name: 'Audit events, newest first' });
    await screen.findByText('Times are shown in America/Chicago.');

    fireEvent.change(screen.getByLabelText('Actor'), { target: { value: 'ana' } });
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'failure' } });
    fireEvent.change(screen.getByLabelText('From (day)'), { target: { value: '2026-07-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));

    expect(await screen.findByText('No audit events match this search.')).toBeTruthy();
    const searched = server.requests.find((r) => r.url.includes('actor='));
    expect(searched?.url).toBe(
      '/api/audit?limit=100&actor=ana&outcome=failure&from=2026-07-01T05%3A00%3A00.000Z',
    );
  });

  it('says when the log is empty', async () => {
    const server = adminServer((r) =>
      r.url.startsWith('/api/audit') ? json(200, { events: [] }) : undefined,
    );
    renderWithApp(routes, { path: '/admin/audit', fetch: server.fetch });
    expect(await screen.findByText('There are no audit events yet.')).toBeTruthy();
  });
});

describe('an ended session', () => {
  it('clears cached data and returns to sign-in when a page gets a 401', async () => {
    const server = adminServer((r) =>
      r.url === '/api/users'
        ? json(401, { error: { code: 'unauthenticated', message: 'Session expired' } })
        : undefined,
    );
    const { services } = renderWithApp(routes, { path: '/admin/users', fetch: server.fetch });

    expect(await screen.findByText('Sign-in page')).toBeTruthy();
    const cached = services.queryClient.getQueryCache().getAll();
    expect(cached.map((query) => [query.queryKey, query.state.data])).toEqual([[['me'], null]]);
  });
});
