import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

/** The parts of a CDP `Profiler.Profile` we read. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileRow {
  name: string;
  ms: number;
  percent: number;
}

/**
 * Self time of a main-thread CPU profile, attributed through the build's source maps to the
 * package (`maplibre-gl`, `zod`, …) or app folder the code came from, and to functions.
 */
export function summariseProfile(profile: CpuProfile, webDist: string, top = 15) {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (url: string): SourceMap | null => {
    if (!maps.has(url)) {
      const file = path.join(webDist, new URL(url).pathname);
      const mapFile = `${file}.map`;
      maps.set(
        url,
        existsSync(mapFile)
          ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as never)
          : null,
      );
    }
    return maps.get(url)!;
  };

  const selfMicros = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample's time is the gap to the next sample.
  for (let index = 0; index < samples.length; index += 1) {
    const delta = deltas[index + 1] ?? 0;
    selfMicros.set(samples[index]!, (selfMicros.get(samples[index]!) ?? 0) + delta);
  }

  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const micros = selfMicros.get(node.id) ?? 0;
    if (micros === 0) continue;
    total += micros;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    let area: string;
    let name = functionName || '(anonymous)';
    if (!url) {
      // (program), (garbage collector), (idle), or native code such as JSON.parse.
      area = functionName.startsWith('(') ? functionName : `native ${functionName}`;
    } else {
      const map = url.startsWith('http') ? mapFor(url) : null;
      const original = map?.findEntry(lineNumber, columnNumber);
      if (original && 'originalSource' in original && original.originalSource) {
        // Relative to wherever the build went: keep the part from the repository's folders on.
        const source = original.originalSource.replace(
          /^.*?(?=apps\/|packages\/|node_modules\/)/,
          '',
        );
        const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(
          source,
        );
        area = pkg ? pkg[1]! : source.replace(/^apps\/web\/src\//, 'app: ').replace(/\/[^/]+$/, '');
        name = `${(original as { name?: string }).name ?? name} (${source.replace(/^.*node_modules\//, '')}:${original.originalLine + 1})`;
      } else {
        area = url.startsWith('http') ? path.basename(new URL(url).pathname) : url;
      }
    }
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  }

  const rows = (table: Map<string, number>): ProfileRow[] =>
    [...table]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({
        name,
        ms: Math.round(micros / 1000),
        percent: Math.round((micros / total) * 1000) / 10,
      }));
  return { totalMs: Math.round(total / 1000), byArea: rows(byArea), byFunction: rows(byFunction) };
}
