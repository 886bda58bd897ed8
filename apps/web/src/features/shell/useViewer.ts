import { useMemo } from 'react';
import { useAppAbility } from '../auth/ability.ts';
import { useSignedInUser } from '../auth/sessionContext.ts';
import type { Viewer } from './navigation.ts';

/** The signed-in viewer for navigation decisions; only valid below `<RequireSession>`. */
export function useViewer(): Viewer {
  const ability = useAppAbility();
  const user = useSignedInUser();
  return useMemo(() => ({ ability, user }), [ability, user]);
}
