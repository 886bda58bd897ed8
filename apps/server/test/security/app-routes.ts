import type { Express } from 'express';

/** The parts of Express 5's router stack that say where a route is. */
interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

const joined = (prefix: string, path: string | undefined) =>
  !path || path === '/' ? prefix : `${prefix}${path}`;

/**
 * Every GET route the app serves, as `GET /path` in Express syntax, read from its
 * router stack: so a suite that must cover every route notices a new one.
 */
export function getRoutesOf(app: Express): string[] {
  const routes: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route?.methods.get) routes.push(`GET ${joined(prefix, layer.route.path) || '/'}`);
      else if (layer.handle?.stack) walk(layer.handle.stack, joined(prefix, layer.rawPath));
    }
  };
  walk((app.router as unknown as { stack: Layer[] }).stack, '');
  return routes;
}
