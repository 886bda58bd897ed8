import type { Express } from 'express';

/** One route of the built app: the method and the full Express path pattern. */
export interface RouteEntry {
  method: string;
  path: string;
}

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

const joinPath = (prefix: string, path: unknown) =>
  typeof path === 'string' && path !== '/' ? `${prefix}${path}` : prefix;

function walk(stack: Layer[], prefix: string): RouteEntry[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = joinPath(prefix, layer.route.path) || '/';
      return Object.keys(layer.route.methods)
        .filter((method) => layer.route!.methods[method])
        .map((method) => ({ method: method.toUpperCase(), path }));
    }
    // A mounted router: its routes sit under the mount path.
    if (layer.handle?.stack) return walk(layer.handle.stack, joinPath(prefix, layer.rawPath));
    return [];
  });
}

/**
 * Every route of the app, read from Express 5's router stack (`app.router`), so a
 * route added anywhere is found without being listed by hand.
 */
export function routesOf(app: Express): RouteEntry[] {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  return walk(router.stack, '');
}
