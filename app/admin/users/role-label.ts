import type { RoleView } from "@/lib/validations/admin-responses";

/** "驿站员工 · 某某驿站（沈阳市）": a role with the place it applies to, as lists and details show it. */
export function roleLabel(role: RoleView, roleName: string): string {
  if (role.role === "BRANCH_STAFF") return `${roleName} · ${role.stationName ?? ""}${role.cityName ? `（${role.cityName}）` : ""}`;
  if (role.role === "CITY_MANAGER") return `${roleName} · ${role.cityName ?? role.cityAdcode}`;
  return roleName;
}
