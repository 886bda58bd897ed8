import type { Role } from '@watchfloor/authz';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, json } from '../../testing/fakeFetch.ts';
import { meFor } from '../../testing/fixtures.ts';
import { renderWithApp } from '../../testing/renderWithApp.tsx';
import { RequireSession } from '../auth/RequireSession.tsx';
import { HomeRedirect } from './HomeRedirect.tsx';
import { RequirePage } from './RequirePage.tsx';

function guardedRoutes() {
  const page = (id: 'map' | 'stats' | 'users' | 'audit', text: string) => (
    <RequireSession>
      <RequirePage page={id}>
        <p>{text}</p>
      </RequirePage>
    </RequireSession>
  );
  return [
    { path: '/sign-in', element: <p>Sign-in page</p> },
    {
      path: '/',
      element: (
        <RequireSession>
          <HomeRedirect />
        </RequireSession>
      ),
    },
    { path: '/map', element: page('map', 'Map page') },
    { path: '/stats', element: page('stats', 'Stats page') },
    { path: '/admin/users', element: page('users', 'Users page') },
    { path: '/admin/audit', element: page('audit', 'Audit page') },
    { path: '/no-access', element: <p>No access page</p> },
  ];
}

function serverWith(role: Role | null) {
  return createFakeFetch((request) => {
    if (request.url !== '/api/me') return undefined;
    return role
      ? json(200, meFor(role))
      : json(401, { error: { code: 'unauthenticated', message: 'Sign in' } });
  });
}

describe('route guards', () => {
  it('sends a visitor without a session to sign-in', async () => {
    renderWithApp(guardedRoutes(), { path: '/map', fetch: serverWith(null).fetch });
    expect(await screen.findByText('Sign-in page')).toBeTruthy();
  });

  it.each([
    ['dispatcher', '/admin/users', 'Map page'],
    ['analyst', '/map', 'Stats page'],
    ['admin', '/map', 'Users page'],
    ['integration', '/map', 'No access page'],
  ] as const)('sends a %s who opens %s to their home page', async (role, path, landing) => {
    renderWithApp(guardedRoutes(), { path, fetch: serverWith(role).fetch });
    expect(await screen.findByText(landing)).toBeTruthy();
  });

  it.each([
    ['supervisor', '/map', 'Map page'],
    ['admin', '/admin/audit', 'Audit page'],
    ['admin', '/', 'Users page'],
  ] as const)('lets a %s open %s', async (role, path, page) => {
    renderWithApp(guardedRoutes(), { path, fetch: serverWith(role).fetch });
    expect(await screen.findByText(page)).toBeTruthy();
  });
});
