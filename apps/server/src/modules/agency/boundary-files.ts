import fs from 'node:fs/promises';
import path from 'node:path';
import type { BeatFile, DistrictFile } from '@watchfloor/contracts';

interface GeoJsonFeature {
  type: 'Feature';
  properties: Record<string, unknown> | null;
  geometry: unknown;
}

/** A feature property as text; GeoJSON files hold codes as strings or numbers. */
function propertyText(feature: GeoJsonFeature, property: string): string {
  const value = feature.properties?.[property];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Fills `{property}` placeholders of a name template from a feature's properties. */
function nameOf(feature: GeoJsonFeature, template: string | undefined, code: string): string {
  if (template === undefined) return code;
  return template.replace(/\{([^}]+)\}/g, (_, property: string) => propertyText(feature, property));
}

async function readFeatures(file: string): Promise<GeoJsonFeature[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const collection = parsed as { type?: unknown; features?: unknown };
  if (collection.type !== 'FeatureCollection' || !Array.isArray(collection.features))
    throw new Error(`${file} is not a GeoJSON FeatureCollection`);
  return collection.features as GeoJsonFeature[];
}

/**
 * Reads a districts boundary file into the agency's district features. Only the
 * code and name are kept: other properties of a city's file are not ours to serve.
 */
export async function readDistrictFile(reference: DistrictFile, baseDir: string) {
  const features = await readFeatures(path.resolve(baseDir, reference.file));
  return {
    type: 'FeatureCollection' as const,
    features: features.map((feature) => {
      const code = propertyText(feature, reference.codeProperty);
      return {
        type: 'Feature' as const,
        properties: { code, name: nameOf(feature, reference.name, code) },
        geometry: feature.geometry,
      };
    }),
  };
}

/** Reads a beats boundary file into the agency's beat features (code, name, district). */
export async function readBeatFile(reference: BeatFile, baseDir: string) {
  const features = await readFeatures(path.resolve(baseDir, reference.file));
  return {
    type: 'FeatureCollection' as const,
    features: features.map((feature) => {
      const code = propertyText(feature, reference.codeProperty);
      const district = propertyText(feature, reference.districtProperty);
      return {
        type: 'Feature' as const,
        properties: {
          code,
          name: nameOf(feature, reference.name, code),
          district: reference.districtMap?.[district] ?? district,
        },
        geometry: feature.geometry,
      };
    }),
  };
}
