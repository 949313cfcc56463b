/**
 * Who is asking. Every data-access function takes one and scopes its query by it: anonymous readers
 * see the public directory; signed-in users act within their role assignments.
 */
export type RoleGrant = {
  role: "PROVINCE_ADMIN" | "CITY_MANAGER" | "BRANCH_STAFF";
  cityAdcode: number | null;
  stationId: string | null;
};

export type UserActor = {
  kind: "user";
  userId: string;
  /** How the audit log names this actor, e.g. "user:zhangwei". */
  label: string;
  roles: RoleGrant[];
};

export type Actor = { kind: "anonymous" } | UserActor;

export const anonymousActor: Actor = { kind: "anonymous" };
