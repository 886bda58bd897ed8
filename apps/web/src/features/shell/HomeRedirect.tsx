import { Navigate } from 'react-router';
import { useAppAbility } from '../auth/ability.ts';
import { homePath } from './navigation.ts';

/** `/` has no page of its own: each role starts on its first menu item. */
export function HomeRedirect() {
  return <Navigate to={homePath(useAppAbility())} replace />;
}
