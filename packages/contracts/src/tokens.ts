import { z } from 'zod';

/** What an administrator sees of an integration token: never the token or its hash. */
export const integrationTokenViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  createdAt: z.string().datetime({ offset: true }),
  lastUsedAt: z
    .string()
    .datetime({ offset: true })
    .nullable()
    .describe('Recorded at most once a minute'),
  revokedAt: z.string().datetime({ offset: true }).nullable(),
});
export type IntegrationTokenView = z.infer<typeof integrationTokenViewSchema>;

export const integrationTokenListResponseSchema = z.object({
  tokens: z.array(integrationTokenViewSchema),
});
export type IntegrationTokenListResponse = z.infer<typeof integrationTokenListResponseSchema>;

export const tokenNamePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const createIntegrationTokenRequestSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(
      tokenNamePattern,
      'Use 1–64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit',
    )
    .describe('What the feed is, e.g. `cad-primary` or `avl-vendor`'),
});
export type CreateIntegrationTokenRequest = z.infer<typeof createIntegrationTokenRequestSchema>;

export const createIntegrationTokenResponseSchema = z.object({
  token: z.string().describe('The bearer token, shown only in this answer; only its hash is kept'),
  integrationToken: integrationTokenViewSchema,
});
export type CreateIntegrationTokenResponse = z.infer<typeof createIntegrationTokenResponseSchema>;
