import { z } from 'zod';

/**
 * The years an instant from a client may fall in. PostgreSQL refuses year 0 and
 * the time zone rules are meaningless far out; nothing a dispatch centre records
 * or asks about lies outside these.
 */
export const acceptedYears = { min: 1900, max: 2200 } as const;

const yearOf = (value: string) => new Date(value).getUTCFullYear();

/** Whether an ISO date or instant falls in {@link acceptedYears} (in UTC). */
export const inAcceptedYears = (value: string) =>
  yearOf(value) >= acceptedYears.min && yearOf(value) <= acceptedYears.max;

export const acceptedYearsMessage = `Must be between the years ${acceptedYears.min} and ${acceptedYears.max}`;

/**
 * An instant a client sends (query filters, ingest event times): ISO 8601 with an
 * offset, within {@link acceptedYears}. Every request date uses this one schema.
 */
export const acceptedInstant = z
  .string()
  .datetime({ offset: true })
  // Only a readable instant has a year to check; the format check reports the others.
  .refine(
    (value) => Number.isNaN(Date.parse(value)) || inAcceptedYears(value),
    acceptedYearsMessage,
  );
