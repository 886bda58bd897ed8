import type { MeResponse } from '@watchfloor/contracts';
import { createContext, use } from 'react';

export const SignedInUserContext = createContext<MeResponse | null>(null);

/** The signed-in user; only valid below `<RequireSession>`. */
export function useSignedInUser(): MeResponse {
  const user = use(SignedInUserContext);
  if (!user) throw new Error('useSignedInUser must be used below <RequireSession>');
  return user;
}
