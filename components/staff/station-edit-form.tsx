"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { EditableStation } from "@/lib/server/station/list-editable-stations";

type Snapshot = { version: number; phone: string | null; notice: string | null; status: EditableStation["status"] };
type Outcome = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "verified" } | { kind: "error"; message: string } | { kind: "conflict"; current: Snapshot };

async function send(url: string, method: string, body: unknown): Promise<{ ok: true; value: Snapshot } | { ok: false; status: number; error: { message: string; details?: { current?: Snapshot } } }> {
  const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch(() => null);
  if (!response) return { ok: false, status: 0, error: { message: "network" } };
  const json = await response.json().catch(() => null);
  return response.ok ? { ok: true, value: json } : { ok: false, status: response.status, error: json?.error ?? { message: String(response.status) } };
}

/**
 * A station's phone, notice and status. Saves name the version they started from; if someone saved in
 * between, the server answers 409 and the form shows what is there now, without losing what was typed.
 */
export function StationEditForm({ station }: { station: EditableStation }) {
  const t = useTranslations("staff.form");
  const router = useRouter();
  const [version, setVersion] = useState(station.version);
  const [phone, setPhone] = useState(station.phone ?? "");
  const [notice, setNotice] = useState(station.notice ?? "");
  const [status, setStatus] = useState(station.status);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });

  /** Sends one change and shows how it went; both save and confirm move the station's version on. */
  async function submit(url: string, method: string, body: unknown, done: "saved" | "verified") {
    setOutcome({ kind: "saving" });
    const result = await send(url, method, body);
    if (result.ok) {
      setVersion(result.value.version);
      setOutcome({ kind: done });
      router.refresh();
    } else if (result.status === 409 && result.error.details?.current) {
      setOutcome({ kind: "conflict", current: result.error.details.current });
    } else {
      setOutcome({ kind: "error", message: result.error.message });
    }
  }

  const save = (againstVersion: number) =>
    submit(
      `/api/v1/staff/stations/${station.id}`,
      "PATCH",
      { version: againstVersion, phone: phone.trim() === "" ? null : phone.trim(), notice: notice.trim() === "" ? null : notice.trim(), status },
      "saved",
    );
  const verify = () => submit(`/api/v1/staff/stations/${station.id}/verify`, "POST", { version }, "verified");

  const id = (field: string) => `${station.id}-${field}`;
  return (
    <form
      className="staff-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save(version);
      }}
    >
      <label htmlFor={id("phone")}>{t("phone")}</label>
      <input id={id("phone")} value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" maxLength={30} />
      <label htmlFor={id("notice")}>{t("notice")}</label>
      <textarea id={id("notice")} value={notice} onChange={(e) => setNotice(e.target.value)} maxLength={500} rows={3} />
      <label htmlFor={id("status")}>{t("status")}</label>
      <select id={id("status")} value={status} onChange={(e) => setStatus(e.target.value as EditableStation["status"])}>
        {(["open", "temporarily_closed", "closed"] as const).map((s) => (
          <option key={s} value={s}>
            {t(`statuses.${s}`)}
          </option>
        ))}
      </select>
      <div className="staff-actions">
        <button type="submit" className="button primary" disabled={outcome.kind === "saving"}>
          {outcome.kind === "saving" ? t("saving") : t("save")}
        </button>
        <button type="button" className="button secondary" disabled={outcome.kind === "saving"} onClick={() => void verify()}>
          {t("verify")}
        </button>
      </div>
      <div role="status" className="staff-outcome">
        {outcome.kind === "saved" && t("saved")}
        {outcome.kind === "verified" && t("verified")}
        {outcome.kind === "error" && t("error", { message: outcome.message })}
      </div>
      {outcome.kind === "conflict" && (
        <div role="alert" className="staff-conflict" data-testid="conflict">
          <strong>{t("conflictTitle")}</strong>
          <p>
            {t("conflictBody", {
              phone: outcome.current.phone ?? t("empty"),
              notice: outcome.current.notice ?? t("empty"),
              status: t(`statuses.${outcome.current.status}`),
            })}
          </p>
          <div className="staff-actions">
            <button type="button" className="button secondary" onClick={() => window.location.reload()}>
              {t("reload")}
            </button>
            <button type="button" className="button primary" onClick={() => void save(outcome.current.version)}>
              {t("reapply")}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
