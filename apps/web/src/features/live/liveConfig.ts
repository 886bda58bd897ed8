/**
 * The numbers behind the live views, in one place so they can be tuned (and argued about)
 * together.
 */

/** A unit silent for longer than this is drawn stale: faded, with a dashed ring. */
export const positionStaleAfterMs = 60_000;

/** A unit silent for longer than this is drawn lost: grey and hollow. */
export const positionLostAfterMs = 300_000;

/** How often positions are re-classified while nothing new arrives (ageing is silent). */
export const freshnessRecheckMs = 5_000;

/**
 * After the server refused or cut the socket, the client does not retry by itself; these
 * bound the pause before we try again (doubling each time).
 */
export const reconnectDelayMs = { first: 2_000, max: 30_000 } as const;

/** While connections keep failing, ask whether the session still stands at most this often. */
export const sessionRecheckMs = 30_000;

/** Above this many calls with missed messages at once, one list refetch is cheaper. */
export const maxSingleCallRefetches = 10;

/** At most one units refetch per this long when positions name units the list lacks. */
export const unknownUnitRefetchMs = 15_000;

/** How long "Live updates restored" stays up after a reconnect. */
export const recoveredNoticeMs = 5_000;
