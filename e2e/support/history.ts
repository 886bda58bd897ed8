import { expect, type APIRequestContext } from '@playwright/test';

/**
 * Waits until the demo's generated past reaches back more than two days (it is written in the
 * background after the server starts, newest days first), so "yesterday" and "the last 7 days"
 * have their calls. Uses the signed-in page's session.
 */
export async function waitForDemoHistory(request: APIRequestContext) {
  const twoDaysAgo = Date.now() - 2 * 86_400_000;
  await expect
    .poll(
      async () => {
        const response = await request.get('/api/calls?status=closed&limit=1000');
        const { calls } = (await response.json()) as { calls: { receivedAt: string }[] };
        return calls.some((call) => Date.parse(call.receivedAt) < twoDaysAgo);
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(true);
}
