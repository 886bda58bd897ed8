import type { Express } from 'express';

interface RouterLayer {
  name: string;
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: RouterLayer[] };
}

/** `/calls/:id` → `/calls/{id}`: the OpenAPI spelling every suite uses as a route's key. */
function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

function walk(stack: RouterLayer[], prefix: string, found: Set<string>) {
  for (const layer of stack) {
    if (layer.route) {
      for (const [method, handled] of Object.entries(layer.route.methods)) {
        if (handled && method !== '_all') {
          found.add(`${method.toUpperCase()} ${openApiPath(prefix + layer.route.path)}`);
        }
      }
    } else if (layer.name === 'router' && layer.handle.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      walk(layer.handle.stack, prefix + mount, found);
    }
  }
}

/**
 * Every route the composed Express app serves, as `METHOD /path/{param}`, read from
 * the router itself so that a route added anywhere shows up in every suite that
 * must cover it. The web app's catch-all (`/{*route}`) is left out: it serves files.
 */
export function listRoutes(app: Express): string[] {
  const found = new Set<string>();
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack, '', found);
  return [...found].filter((route) => !route.includes('{*')).sort();
}
