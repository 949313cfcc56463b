"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConflictNotice, FieldError, SaveBar, fieldAria } from "@/components/staff/form-parts";
import { useStationSave } from "@/components/staff/use-station-save";
import type { EditableStation } from "@/lib/server/station/list-editable-stations";
import { stationEditSchema } from "@/lib/validations/station-edit";

type Current = { phone: string | null; notice: string | null; status: EditableStation["status"] };

/**
 * A station's phone, notice and status, and "everything is still correct". Checked with the server's
 * own schema before sending; a stale save shows what is there now without losing what was typed.
 */
export function StationEditForm({ station }: { station: EditableStation }) {
  const t = useTranslations("staff.form");
  const { version, outcome, errors, hydrated, submit, save: send, formProps } = useStationSave<Current>();
  const [phone, setPhone] = useState(station.phone ?? "");
  const [notice, setNotice] = useState(station.notice ?? "");
  const [status, setStatus] = useState(station.status);

  const save = (againstVersion: number) =>
    send(
      stationEditSchema,
      { version: againstVersion, phone: phone.trim() === "" ? null : phone, notice: notice.trim() === "" ? null : notice, status },
      `/api/v1/staff/stations/${station.id}`,
      "PATCH",
    );
  const verify = () => submit(`/api/v1/staff/stations/${station.id}/verify`, "POST", { version }, "verified");

  const id = (field: string) => `${station.id}-${field}`;
  return (
    <form {...formProps(save)}>
      <label htmlFor={id("phone")}>{t("phone")}</label>
      <input id={id("phone")} value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" maxLength={30} {...fieldAria(errors, "phone", id("phone"))} />
      <FieldError errors={errors} field="phone" id={id("phone")} />
      <label htmlFor={id("notice")}>{t("notice")}</label>
      <textarea id={id("notice")} value={notice} onChange={(e) => setNotice(e.target.value)} maxLength={500} rows={3} {...fieldAria(errors, "notice", id("notice"))} />
      <FieldError errors={errors} field="notice" id={id("notice")} />
      <label htmlFor={id("status")}>{t("status")}</label>
      <select id={id("status")} value={status} onChange={(e) => setStatus(e.target.value as EditableStation["status"])}>
        {(["open", "temporarily_closed", "closed"] as const).map((s) => (
          <option key={s} value={s}>
            {t(`statuses.${s}`)}
          </option>
        ))}
      </select>
      <SaveBar label={t("save")} hydrated={hydrated} outcome={outcome}>
        <button type="button" className="button secondary" disabled={!hydrated || outcome.kind === "saving"} onClick={() => void verify()}>
          {t("verify")}
        </button>
      </SaveBar>
      {outcome.kind === "conflict" && (
        <ConflictNotice onReapply={() => void save(outcome.current.version)}>
          <p>
            {t("conflictBody", {
              phone: outcome.current.phone ?? t("empty"),
              notice: outcome.current.notice ?? t("empty"),
              status: t(`statuses.${outcome.current.status}`),
            })}
          </p>
        </ConflictNotice>
      )}
    </form>
  );
}
