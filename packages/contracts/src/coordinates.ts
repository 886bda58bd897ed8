import { z } from 'zod';

/**
 * The smallest non-zero coordinate accepted, in degrees (about 0.1 mm). Nothing
 * real is closer to 0 without being 0, and a subnormal number such as 2e-323 makes
 * PostgreSQL's float arithmetic fail with an underflow.
 */
export const smallestCoordinate = 1e-9;

const coordinate = (limit: number) =>
  z
    .number()
    .min(-limit)
    .max(limit)
    .refine(
      (degrees) => degrees === 0 || Math.abs(degrees) >= smallestCoordinate,
      `Too close to 0 to compute with (under ${smallestCoordinate}°); send 0`,
    );

/** A latitude a client sends, in degrees (WGS 84). */
export const latitudeSchema = coordinate(90);
/** A longitude a client sends, in degrees (WGS 84). */
export const longitudeSchema = coordinate(180);
