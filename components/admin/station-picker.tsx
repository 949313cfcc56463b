"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Field } from "@/components/admin/field";

type StationHit = { id: string; name: string; address: string };

const DEBOUNCE_MS = 250;

/**
 * Picks one station: a search box over the public station search (`/api/v1/stations?q=`, narrowed to
 * the chosen city) and the matches as radio buttons, so the choice works with a keyboard and a screen
 * reader and on a small screen.
 */
export function StationPicker({
  id,
  cityAdcode,
  value,
  onChange,
  error,
}: {
  id: string;
  cityAdcode: string;
  value: { id: string; name: string };
  onChange: (station: { id: string; name: string }) => void;
  error?: string;
}) {
  const t = useTranslations("admin.roleFields");
  const [query, setQuery] = useState("");
  const [state, setState] = useState<{ kind: "idle" | "searching" | "failed" } | { kind: "done"; hits: StationHit[] }>({ kind: "idle" });

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setState({ kind: "idle" });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setState({ kind: "searching" });
      const params = new URLSearchParams({ q, limit: "8" });
      if (cityAdcode) params.set("city", cityAdcode);
      try {
        const response = await fetch(`/api/v1/stations?${params}`, { signal: controller.signal });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { data: StationHit[] };
        setState({ kind: "done", hits: body.data });
      } catch {
        if (!controller.signal.aborted) setState({ kind: "failed" });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, cityAdcode]);

  return (
    <>
      <Field id={`${id}-search`} label={t("stationSearch")}>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" maxLength={100} />
      </Field>
      <fieldset className="admin-stations" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <legend>{t("station")}</legend>
        {value.id && <p className="admin-selected">{t("selected", { name: value.name })}</p>}
        <p className="muted" role="status">
          {state.kind === "idle" && !value.id && t("typeToSearch")}
          {state.kind === "searching" && t("searching")}
          {state.kind === "failed" && t("searchFailed")}
          {state.kind === "done" && state.hits.length === 0 && t("noStations")}
        </p>
        {state.kind === "done" &&
          state.hits.map((hit) => (
            <label key={hit.id} className="admin-station-option">
              <input type="radio" name={id} value={hit.id} checked={value.id === hit.id} onChange={() => onChange({ id: hit.id, name: hit.name })} />
              <span>
                <strong>{hit.name}</strong>
                <small className="muted">{hit.address}</small>
              </span>
            </label>
          ))}
        {error && (
          <small id={`${id}-error`} className="admin-field-error">
            {error}
          </small>
        )}
      </fieldset>
    </>
  );
}
