/**
 * Who is asking. Every data-access function takes one and scopes its query by it. Only anonymous
 * readers exist so far; staff and admin actors join this union when accounts arrive.
 */
export type Actor = { kind: "anonymous" };

export const anonymousActor: Actor = { kind: "anonymous" };
