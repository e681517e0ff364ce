/** Exit codes and the error a user can act on (printed without a stack trace). */

/** 0 done, 1 a tie-out check failed, 2 bad input or usage. */
export const exitCodes = { ok: 0, checkFailed: 1, badInput: 2 } as const;

/** A usage mistake: the message says what to type instead. */
export class UsageError extends Error {}
