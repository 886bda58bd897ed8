import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { canOpen, homePath, navItem, type NavItemId } from './navigation.ts';
import { useViewer } from './useViewer.ts';

/**
 * Renders a page only for users whose menu lists it; anyone else goes to their home page.
 * (The server enforces the same rules; this only keeps people out of pages that would fail.)
 */
export function RequirePage({ page, children }: { page: NavItemId; children: ReactNode }) {
  const viewer = useViewer();
  if (!canOpen(viewer, navItem(page))) return <Navigate to={homePath(viewer)} replace />;
  return children;
}
