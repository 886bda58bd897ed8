import { Navigate } from 'react-router';
import { homePath } from './navigation.ts';
import { useViewer } from './useViewer.ts';

/** `/` has no page of its own: each role starts on its first menu item. */
export function HomeRedirect() {
  return <Navigate to={homePath(useViewer())} replace />;
}
