import {
  loginResponseSchema,
  totpConfirmResponseSchema,
  totpEnrollResponseSchema,
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
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (request: TotpConfirmRequest) =>
      http.request('/api/auth/mfa/totp/confirm', {
        ...secondStep,
        body: request,
        schema: totpConfirmResponseSchema,
      }),
  });
  const signedIn = mutation.data?.signedIn;
  return {
    ...mutation,
    adopt: () => {
      if (signedIn) adoptSignedIn(queryClient, http, signedIn);
    },
  };
}
