import {
  type RouteSpec,
  body,
  errorContent,
  headerRef,
  ok,
  parameterRef,
} from './openapi.components.ts';

const oneTimePassword = (description: string) =>
  ok('OneTimePasswordResponse', `${description} The one-time password is in this answer only.`);

/** Accounts: what administrators do to them, and a person's own password. */
export const userRoutes: RouteSpec[] = [
  {
    method: 'post',
    path: '/api/auth/password',
    operationId: 'changeOwnPassword',
    summary: 'Change your own password',
    description:
      'Proves the current password and sets a new one under the agency’s policy (`PASSWORD_MIN_LENGTH`, default 12, never below 8; not on a breached-password list; not guessable; with `PASSWORD_HISTORY`, none of the last N). Ends your other sessions; this one stays. Also the only thing a session may do while its password is one-time or expired (everything else answers 403 `password_change_required`). Wrong current passwords count toward the sign-in rate limit. Audited as `password.change`.',
    tag: 'Auth',
    auth: 'session+csrf',
    body: body('ChangePasswordRequest'),
    responses: {
      204: { description: 'Changed.' },
      400: {
        description:
          '`wrong_password` (field `currentPassword`) or `validation_failed` (field `newPassword`, with the reason).',
        content: errorContent,
      },
      429: {
        description: '`rate_limited`: too many refused attempts from this address; wait and retry.',
        headers: { 'Retry-After': headerRef('RetryAfter') },
        content: errorContent,
      },
    },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/api/users',
    operationId: 'listUsers',
    summary: 'Every account (administrators)',
    tag: 'Users',
    auth: 'session',
    responses: { 200: ok('UserListResponse', 'The accounts, never their password hashes.') },
    errors: [401, 403],
  },
  ...(
    [
      [
        'disable',
        'disableUser',
        'Disable an account (administrators)',
        'The person’s sessions stop at once and their sockets close. Not your own account (409 `own_account`). Audited as `user.disable`.',
      ],
      [
        'enable',
        'enableUser',
        'Enable a disabled account (administrators)',
        'Audited as `user.enable`.',
      ],
      [
        'unlock',
        'unlockUser',
        'Release a lockout (administrators)',
        'After repeated failed sign-ins; the failure count starts again. Audited as `user.unlock`.',
      ],
    ] as const
  ).map(([action, operationId, summary, description]): RouteSpec => ({
    method: 'post',
    path: `/api/users/{id}/${action}`,
    operationId,
    summary,
    description,
    tag: 'Users',
    auth: 'session+csrf',
    parameters: [parameterRef('UserId')],
    responses: {
      200: ok('UserAdminView', 'The account as it is now.'),
      ...(action === 'disable'
        ? { 409: { description: '`own_account`: not your own account.', content: errorContent } }
        : {}),
    },
    errors: [401, 403, 404],
  })),
  {
    method: 'post',
    path: '/api/users/{id}/mfa/reset',
    operationId: 'resetUserMfa',
    summary: 'Remove a person’s second factors (administrators)',
    description:
      'For a lost phone or key: removes the authenticator app, passkeys and recovery codes, and ends every session of the person. Where MFA is required they enrol again at their next sign-in. Audited as `mfa.reset`.',
    tag: 'Users',
    auth: 'session+csrf',
    parameters: [parameterRef('UserId')],
    responses: { 200: ok('MfaResetResponse', 'What was removed.') },
    errors: [401, 403, 404],
  },
  {
    method: 'post',
    path: '/api/users',
    operationId: 'createUser',
    summary: 'Create an account (administrators)',
    description:
      'The server chooses a one-time password and answers it once; the person must choose their own at the first sign-in. Districts only for dispatchers and supervisors, each one the agency has. Audited as `user.create`.',
    tag: 'Users',
    auth: 'session+csrf',
    body: body('CreateUserRequest'),
    responses: {
      201: oneTimePassword('Created.'),
      409: { description: '`username_taken`.', content: errorContent },
    },
    errors: [400, 401, 403],
  },
  {
    method: 'patch',
    path: '/api/users/{id}',
    operationId: 'updateUser',
    summary: 'Change an account’s role, districts or display name (administrators)',
    description:
      'The person’s live connections are cut so they reconnect with the new grants. Audited as `user.grants` with the before and after.',
    tag: 'Users',
    auth: 'session+csrf',
    parameters: [parameterRef('UserId')],
    body: body('UpdateGrantsRequest'),
    responses: { 200: ok('UserAdminView', 'The account as it is now.') },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'post',
    path: '/api/users/{id}/password/reset',
    operationId: 'resetUserPassword',
    summary: 'Give an account a one-time password (administrators)',
    description:
      'Replaces the password, releases a lockout and ends every session of the person; they must choose their own password at the next sign-in. Audited as `password.reset`.',
    tag: 'Users',
    auth: 'session+csrf',
    parameters: [parameterRef('UserId')],
    responses: {
      200: oneTimePassword('Reset.'),
      409: {
        description:
          '`sso_account`: the account signs in through the identity provider, which holds its password.',
        content: errorContent,
      },
    },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/users/{id}/sessions',
    operationId: 'listUserSessions',
    summary: 'An account’s signed-in sessions (administrators)',
    description:
      'Sessions that have not expired, newest sign-in first, with where they came from and how they were proven. Each is named by a handle (a digest of the session id), never by the session id itself.',
    tag: 'Users',
    auth: 'session',
    parameters: [parameterRef('UserId')],
    responses: { 200: ok('UserSessionListResponse', 'The sessions.') },
    errors: [401, 403, 404],
  },
  {
    method: 'post',
    path: '/api/users/{id}/sessions/{sessionId}/end',
    operationId: 'endUserSession',
    summary: 'End one session of an account (administrators)',
    description:
      'Its next request is signed out and its live connections close within a second, on every server process. Audited as `session.end`.',
    tag: 'Users',
    auth: 'session+csrf',
    parameters: [parameterRef('UserId'), parameterRef('SessionHandle')],
    responses: { 204: { description: 'Ended.' } },
    errors: [401, 403, 404],
  },
];
