"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/admin/field";
import { StationPicker } from "@/components/admin/station-picker";
import type { FieldErrors } from "@/lib/validations/field-errors";
import type { RoleKind } from "@/lib/validations/user";

export type CityOption = { adcode: number; name: string };

/** A role as the form holds it while it is being chosen; `roleGrantFromDraft` turns it into the request. */
export type RoleDraft = { role: RoleKind | ""; cityAdcode: string; station: { id: string; name: string } };

export function emptyRoleDraft(role: RoleKind | "", cities: CityOption[]): RoleDraft {
  // A manager of one city has only that city to choose, so it is chosen for them.
  return { role, cityAdcode: cities.length === 1 ? String(cities[0].adcode) : "", station: { id: "", name: "" } };
}

/** The grant to send, shaped for `roleGrantSchema`: what is missing stays missing, so the schema names it. */
export function roleGrantFromDraft(draft: RoleDraft): Record<string, unknown> | undefined {
  if (draft.role === "") return undefined;
  if (draft.role === "PROVINCE_ADMIN") return { role: draft.role };
  if (draft.role === "CITY_MANAGER") return { role: draft.role, cityAdcode: draft.cityAdcode ? Number(draft.cityAdcode) : undefined };
  return { role: draft.role, stationId: draft.station.id || undefined };
}

/**
 * Role, city and station, as the create and grant forms both ask for them. `path` is where the schema
 * reports these fields ("role." inside a new user, "" for a grant on its own).
 */
export function RoleFields({
  idPrefix,
  roles,
  allowNone,
  cities,
  value,
  onChange,
  errors,
  path,
}: {
  idPrefix: string;
  roles: RoleKind[];
  allowNone: boolean;
  cities: CityOption[];
  value: RoleDraft;
  onChange: (draft: RoleDraft) => void;
  errors: FieldErrors;
  path: "role." | "";
}) {
  const t = useTranslations("admin.roleFields");
  const roleNames = useTranslations("admin.roles");
  return (
    <>
      <Field id={`${idPrefix}-role`} label={t("role")} error={errors.role}>
        <select value={value.role} onChange={(e) => onChange({ ...value, role: e.target.value as RoleKind | "" })}>
          {allowNone && <option value="">{t("noRole")}</option>}
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleNames(role)}
            </option>
          ))}
        </select>
      </Field>
      {(value.role === "CITY_MANAGER" || value.role === "BRANCH_STAFF") && (
        <Field id={`${idPrefix}-city`} label={t("city")} error={errors[`${path}cityAdcode`]}>
          <select value={value.cityAdcode} onChange={(e) => onChange({ ...value, cityAdcode: e.target.value, station: { id: "", name: "" } })}>
            {cities.length > 1 && <option value="">{value.role === "CITY_MANAGER" ? t("chooseCity") : t("allCities")}</option>}
            {cities.map((city) => (
              <option key={city.adcode} value={city.adcode}>
                {city.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {value.role === "BRANCH_STAFF" && (
        <StationPicker
          id={`${idPrefix}-station`}
          cityAdcode={value.cityAdcode}
          value={value.station}
          onChange={(station) => onChange({ ...value, station })}
          error={errors[`${path}stationId`]}
        />
      )}
    </>
  );
}
