import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { UserView } from "@/lib/validations/admin-responses";

/** What the admin pages show of an account and its roles, read in one query. */
export const userViewSelect = {
  id: true,
  username: true,
  displayUsername: true,
  name: true,
  email: true,
  deactivatedAt: true,
  createdAt: true,
  roles: {
    select: {
      id: true,
      role: true,
      cityAdcode: true,
      stationId: true,
      createdAt: true,
      city: { select: { name: true } },
      station: { select: { name: true, cityAdcode: true, city: { select: { name: true } } } },
    },
    orderBy: { createdAt: "asc" },
  },
  // Sign-out deletes a session, so this is when the newest session still on record began: the last
  // sign-in of someone who has not signed out since, nothing for someone who has.
  sessions: { select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userViewSelect }>;

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.displayUsername ?? row.username,
    name: row.name,
    email: row.email,
    active: row.deactivatedAt === null,
    deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    lastSessionAt: row.sessions[0]?.createdAt.toISOString() ?? null,
    roles: row.roles.map((r) => ({
      id: r.id,
      role: r.role,
      // A station's city is named too, so a list filtered by city reads right for branch staff.
      cityAdcode: r.cityAdcode ?? r.station?.cityAdcode ?? null,
      cityName: r.city?.name ?? r.station?.city.name ?? null,
      stationId: r.stationId,
      stationName: r.station?.name ?? null,
      grantedAt: r.createdAt.toISOString(),
    })),
  };
}
