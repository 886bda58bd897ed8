import { CSRF_HEADER } from '@watchfloor/contracts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, type RecordedRequest } from '../../testing/fakeFetch.ts';
import { meFor } from '../../testing/fixtures.ts';
import { renderWithApp } from '../../testing/renderWithApp.tsx';
import { SignInPage } from './SignInPage.tsx';

const routes = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/map', element: <p>Map page</p> },
  { path: '/admin/users', element: <p>Users page</p> },
];

const signedOut = () => json(401, { error: { code: 'unauthenticated', message: 'Sign in' } });

/** A server with no session whose login endpoint answers with `login`. */
function serverAnsweringLogin(login: (request: RecordedRequest) => Response | Promise<Response>) {
  return createFakeFetch((request) => {
    if (request.url === '/api/me') return signedOut();
    if (request.method === 'POST' && request.url === '/api/auth/login') return login(request);
    return undefined;
  });
}

function fillAndSubmit(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

async function alertText(): Promise<string> {
  const alert = screen.getByRole('alert');
  await waitFor(() => expect(alert.textContent).not.toBe(''));
  return alert.textContent ?? '';
}

describe('SignInPage', () => {
  it('has a title and labelled fields', () => {
    const server = serverAnsweringLogin(() => signedOut());
    renderWithApp(routes, { path: '/sign-in', fetch: server.fetch });

    expect(document.title).toBe('Sign in · Watchfloor');
    expect(screen.getByLabelText('Username').getAttribute('autocomplete')).toBe('username');
    expect(screen.getByLabelText('Password').getAttribute('type')).toBe('password');
  });

  it('shows one generic message for wrong credentials and clears the password', async () => {
    const server = serverAnsweringLogin(() =>
      json(401, {
        error: { code: 'invalid_credentials', message: 'Invalid username or password' },
      }),
    );
    renderWithApp(routes, { path: '/sign-in', fetch: server.fetch });

    fillAndSubmit('dispatcher1', 'wrong-password');

    expect(await alertText()).toBe('Wrong username or password.');
    const password = screen.getByLabelText<HTMLInputElement>('Password');
    await waitFor(() => expect(document.activeElement).toBe(password));
    expect(password.value).toBe('');
    const login = server.requests.find((r) => r.url === '/api/auth/login');
    expect(login?.body).toEqual({ username: 'dispatcher1', password: 'wrong-password' });
    expect(login?.headers.has(CSRF_HEADER)).toBe(false);
  });

  it("shows the server's own message for an error it has no wording for", async () => {
    const server = serverAnsweringLogin(() =>
      json(423, {
        error: { code: 'account_locked', message: 'This account is locked. Ask an administrator.' },
      }),
    );
    renderWithApp(routes, { path: '/sign-in', fetch: server.fetch });

    fillAndSubmit('dispatcher1', 'whatever');

    expect(await alertText()).toBe('This account is locked. Ask an administrator.');
  });

  it('says to wait when sign-in is rate limited', async () => {
    const server = serverAnsweringLogin(() =>
      json(429, { error: { code: 'rate_limited', message: 'Too many requests' } }),
    );
    renderWithApp(routes, { path: '/sign-in', fetch: server.fetch });

    fillAndSubmit('dispatcher1', 'whatever');

    expect(await alertText()).toBe(
      'Too many sign-in attempts. Wait a few minutes, then try again.',
    );
  });

  it('says when the server cannot be reached', async () => {
    const server = serverAnsweringLogin(() => Promise.reject(new TypeError('Failed to fetch')));
    renderWithApp(routes, { path: '/sign-in', fetch: server.fetch });

    fillAndSubmit('dispatcher1', 'whatever');

    expect(await alertText()).toBe(
      'The server could not be reached. Check the connection and try again.',
    );
  });

  it('lists server validation issues and marks the field', async () => {
    const server = serverAnsweringLogin(() =>
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'Invalid request body',
          issues: [{ path: 'username', message: 'Too long' }],
        },
      }),
    );
    renderWithApp(routes, { path: '/sign-in', fetch: server.fetch });

    fillAndSubmit('dispatcher1', 'whatever');

    expect(await alertText()).toBe(
      'The server did not accept the sign-in: Invalid request bodyToo long',
    );
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
  });

  it('checks empty fields without calling the server', async () => {
    const server = serverAnsweringLogin(() => signedOut());
    renderWithApp(routes, { path: '/sign-in', fetch: server.fetch });

    fillAndSubmit('  ', '');

    expect(await alertText()).toBe('Enter your username.Enter your password.');
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(server.requests.some((r) => r.url === '/api/auth/login')).toBe(false);
  });

  it('disables the form while signing in, then opens the role’s home page', async () => {
    let answer: (response: Response) => void = () => {};
    const server = serverAnsweringLogin(
      () => new Promise<Response>((resolve) => (answer = resolve)),
    );
    renderWithApp(routes, { path: '/sign-in', fetch: server.fetch });

    fillAndSubmit('admin1', 'correct horse battery');

    const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in' });
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(screen.getByLabelText<HTMLInputElement>('Username').disabled).toBe(true);

    answer(json(200, { mfaRequired: false, user: meFor('admin'), csrfToken: 'token-after-login' }));
    expect(await screen.findByText('Users page')).toBeTruthy();
  });

  it('asks for the second factor after the password, sends it with the new token, then opens home', async () => {
    let codeAnswer = json(401, { error: { code: 'invalid_code', message: 'Not valid' } });
    const server = createFakeFetch((request) => {
      if (request.url === '/api/me') return signedOut();
      if (request.url === '/api/auth/login') {
        return json(200, {
          mfaRequired: true,
          methods: ['totp', 'recovery_code'],
          enrollmentRequired: false,
          csrfToken: 'half-way-token',
        });
      }
      if (request.url === '/api/auth/mfa') return codeAnswer;
      return undefined;
    });
    renderWithApp(routes, { path: '/sign-in', fetch: server.fetch });

    fillAndSubmit('admin1', 'correct horse battery');
    const code = await screen.findByLabelText<HTMLInputElement>('Authentication code');
    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await alertText()).toMatch(/^That code is not valid/);
    await waitFor(() => expect(code.value).toBe(''));

    codeAnswer = json(200, { mfaRequired: false, user: meFor('admin'), csrfToken: 'signed-in' });
    fireEvent.change(code, { target: { value: ' 7hq2-m0xa-c4tz ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('Users page')).toBeTruthy();
    const sent = server.requests.filter((r) => r.url === '/api/auth/mfa');
    expect(sent.map((r) => r.body)).toEqual([{ code: '123456' }, { code: '7hq2-m0xa-c4tz' }]);
    expect(sent.every((r) => r.headers.get(CSRF_HEADER) === 'half-way-token')).toBe(true);
  });

  it('walks a new person through enrolment: QR code, first code, recovery codes kept before going on', async () => {
    const recoveryCodes = Array.from({ length: 10 }, (_, i) => `code-${i}000-0000`);
    const server = createFakeFetch((request) => {
      if (request.url === '/api/me') return signedOut();
      if (request.url === '/api/auth/login') {
        return json(200, {
          mfaRequired: true,
          methods: ['totp'],
          enrollmentRequired: true,
          csrfToken: 'half-way-token',
        });
      }
      if (request.url === '/api/auth/mfa/totp/enroll') {
        return json(200, {
          secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          otpauthUrl: 'otpauth://totp/x',
          qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        });
      }
      if (request.url === '/api/auth/mfa/totp/confirm') {
        return json(200, {
          recoveryCodes,
          signedIn: { mfaRequired: false, user: meFor('admin'), csrfToken: 'signed-in' },
        });
      }
      return undefined;
    });
    renderWithApp(routes, { path: '/sign-in', fetch: server.fetch });

    fillAndSubmit('admin1', 'correct horse battery');
    fireEvent.click(await screen.findByRole('button', { name: 'Show the QR code' }));
    const qr = await screen.findByRole<HTMLImageElement>('img');
    expect(qr.src).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')).toBeTruthy();

    const code = screen.getByLabelText('The code the app now shows');
    fireEvent.change(code, { target: { value: '12 34' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(await alertText()).toBe('Enter the 6-digit code your authenticator app shows.');
    fireEvent.change(code, { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));

    expect(await screen.findByText('code-9000-0000')).toBeTruthy();
    const proceed = screen.getByRole<HTMLButtonElement>('button', { name: 'Continue' });
    expect(proceed.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('I have kept these codes somewhere safe'));
    fireEvent.click(proceed);
    expect(await screen.findByText('Users page')).toBeTruthy();
    const confirm = server.requests.find((r) => r.url === '/api/auth/mfa/totp/confirm');
    expect(confirm?.body).toEqual({ code: '123456' });
  });

  describe('single sign-on', () => {
    const ssoServer = (password: 'enabled' | 'admins' | 'disabled') =>
      createFakeFetch((request) => {
        if (request.url === '/api/me') return signedOut();
        if (request.url === '/api/auth/providers') {
          return json(200, {
            password,
            sso: { name: 'County IdP', loginUrl: '/api/auth/oidc/login' },
          });
        }
        return undefined;
      });

    it('offers the identity provider beside the password', async () => {
      renderWithApp(routes, { path: '/sign-in', fetch: ssoServer('enabled').fetch });
      const link = await screen.findByRole('link', { name: 'Sign in with County IdP' });
      expect(link.getAttribute('href')).toBe('/api/auth/oidc/login');
      expect(screen.getByLabelText('Password')).toBeTruthy();
    });

    it('hides the password form when local sign-in is off', async () => {
      renderWithApp(routes, { path: '/sign-in', fetch: ssoServer('disabled').fetch });
      await screen.findByRole('link', { name: 'Sign in with County IdP' });
      expect(screen.queryByLabelText('Password')).toBeNull();
    });

    it('explains why single sign-on sent the browser back', async () => {
      renderWithApp(routes, {
        path: '/sign-in?sso_error=sso_unmapped_role',
        fetch: ssoServer('disabled').fetch,
      });
      expect(await alertText()).toBe(
        'Your identity provider gives you no Watchfloor role. Ask your administrator.',
      );
    });
  });
});
