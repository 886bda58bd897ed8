import type { Express } from 'express';

export interface AppRoute {
  method: string;
  /** Express path syntax, e.g. `/api/calls/:id`. */
  path: string;
}

interface Layer {
  name: string;
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/**
 * Every route the app serves, read from Express's own router stack (nested routers
 * included), so a suite that walks it covers a new route without being told.
 */
export function appRoutes(app: Express): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all')
            routes.push({ method: method.toUpperCase(), path: prefix + layer.route.path });
        }
      } else if (layer.handle.stack) {
        const mount = layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return routes;
}

/**
 * A concrete URL for a route: `:param` becomes `values[param]`, or a UUID, and a
 * wildcard (`/{*route}`) becomes nothing. Unknown syntax throws, so a new kind of
 * path is noticed rather than silently skipped.
 */
export function concretePath(path: string, values: Record<string, string> = {}): string {
  const concrete = path
    .replace(/\/\{\*\w+\}/g, '/')
    .replace(/:(\w+)/g, (_match, name: string) => values[name] ?? crypto.randomUUID());
  if (/[{}*:]/.test(concrete)) throw new Error(`no concrete URL for route path ${path}`);
  return concrete.replace(/\/{2,}/g, '/');
}

/**
 * The served routes as `METHOD /path/{param}` keys (OpenAPI path syntax), without
 * the web app's catch-all, which serves files: the keys route-indexed suites use.
 */
export function routeKeys(app: Express): string[] {
  const keys = appRoutes(app)
    .filter((route) => !route.path.includes('{*'))
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set(keys)].sort();
}
