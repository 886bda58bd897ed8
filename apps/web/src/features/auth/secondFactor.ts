import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/browser';
import {
  enrolmentConfirmedSchema,
  loginResponseSchema,
  totpEnrollResponseSchema,
  webauthnOptionsSchema,
  type EnrolmentConfirmed,
  type MfaVerifyRequest,
  type TotpConfirmRequest,
} from '@watchfloor/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { adoptSignedIn } from './session.ts';

// Half-way through sign-in there is no session to lose: a 401 is a wrong code or an
// expired step, told on the page, never "your session has ended".
const secondStep = { method: 'POST', requiresSession: false } as const;

/** Proves the second factor with an app code or a recovery code; success signs in. */
export function useProveSecondFactor() {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MfaVerifyRequest) =>
      http.request('/api/auth/mfa', { ...secondStep, body: request, schema: loginResponseSchema }),
    onSuccess: (answer) => {
      if (!answer.mfaRequired) adoptSignedIn(queryClient, http, answer);
    },
  });
}

/**
 * Signs in with a passkey: the server's challenge, the browser's own prompt (the
 * platform's passkey or a security key), the assertion back to the server.
 */
export function useProvePasskey() {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const options = await http.request('/api/auth/mfa/webauthn/options', {
        ...secondStep,
        schema: webauthnOptionsSchema,
      });
      const webauthn = await startAuthentication({ optionsJSON: options });
      return http.request('/api/auth/mfa', {
        ...secondStep,
        body: { webauthn },
        schema: loginResponseSchema,
      });
    },
    onSuccess: (answer) => {
      if (!answer.mfaRequired) adoptSignedIn(queryClient, http, answer);
    },
  });
}

/** Registers a passkey; the answer is the same as an app's confirmation (recovery codes). */
export function useRegisterPasskey() {
  const http = useHttpClient();
  const mutation = useMutation({
    mutationFn: async () => {
      const options = await http.request('/api/auth/mfa/webauthn/register/options', {
        ...secondStep,
        schema: webauthnOptionsSchema,
      });
      const response = await startRegistration({
        optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
      });
      return http.request('/api/auth/mfa/webauthn/register', {
        ...secondStep,
        body: { response },
        schema: enrolmentConfirmedSchema,
      });
    },
  });
  return { ...mutation, adopt: useAdoptEnrolment(mutation.data) };
}

/**
 * An enrolment that completed a sign-in is adopted only once the person has seen their
 * recovery codes: the page calls this when they go on.
 */
function useAdoptEnrolment(confirmed: EnrolmentConfirmed | undefined) {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return () => {
    if (confirmed?.signedIn) adoptSignedIn(queryClient, http, confirmed.signedIn);
  };
}

/** A new authenticator-app secret and its QR code; nothing is stored until confirmed. */
export function useStartTotpEnrolment() {
  const http = useHttpClient();
  return useMutation({
    mutationFn: () =>
      http.request('/api/auth/mfa/totp/enroll', {
        ...secondStep,
        schema: totpEnrollResponseSchema,
      }),
  });
}

/**
 * Confirms the app with its first code. The recovery codes come back once; a sign-in
 * this completes is adopted only when the person has seen them (`adopt`).
 */
export function useConfirmTotpEnrolment() {
  const http = useHttpClient();
  const mutation = useMutation({
    mutationFn: (request: TotpConfirmRequest) =>
      http.request('/api/auth/mfa/totp/confirm', {
        ...secondStep,
        body: request,
        schema: enrolmentConfirmedSchema,
      }),
  });
  return { ...mutation, adopt: useAdoptEnrolment(mutation.data) };
}
