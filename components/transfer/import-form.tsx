"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ImportPlanView } from "@/lib/server/transfer/plan-station-import";
import type { ImportStreamEvent } from "@/lib/validations/transfer";

type Phase =
  | { kind: "idle" }
  | { kind: "checking" }
  | { kind: "previewed"; plan: ImportPlanView }
  | { kind: "applying"; plan: ImportPlanView; done: number; total: number }
  | { kind: "done"; created: number; updated: number; unchanged: number }
  | { kind: "error"; message: string; plan?: ImportPlanView };

/** Long files show this many rows per list; the counts above them are always complete. */
const SHOWN = 200;

async function errorMessage(response: Response): Promise<string> {
  const body = await response.json().catch(() => null);
  const details: { message?: string }[] = Array.isArray(body?.error?.details) ? body.error.details : [];
  const extra = details.map((d) => d.message).filter((m) => m && !body.error.message.includes(m));
  return [body?.error?.message ?? `HTTP ${response.status}`, ...extra].join("；");
}

/**
 * Choose a file → dry run (what would be created, updated, left alone or rejected, row by row) → apply,
 * with the server's progress events driving a progress bar → summary. The same file is sent again to
 * apply, naming the dry run's digest, so what is written is exactly what was shown.
 */
export function ImportForm() {
  const t = useTranslations("transfer.import");
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });

  const send = (mode: string) => {
    const body = new FormData();
    body.append("file", file!);
    return fetch(`/api/v1/admin/import?${mode}`, { method: "POST", body }).catch(() => null);
  };

  async function preview() {
    if (!file) return;
    setPhase({ kind: "checking" });
    const response = await send("mode=dry-run");
    if (!response) return setPhase({ kind: "error", message: t("network") });
    if (!response.ok) return setPhase({ kind: "error", message: await errorMessage(response) });
    setPhase({ kind: "previewed", plan: await response.json() });
  }

  async function apply(plan: ImportPlanView) {
    setPhase({ kind: "applying", plan, done: 0, total: plan.create.length + plan.update.length });
    const response = await send(`mode=apply&expect=${plan.digest}`);
    if (!response?.body) return setPhase({ kind: "error", message: t("network"), plan });
    if (!response.ok) return setPhase({ kind: "error", message: t("failed", { message: await errorMessage(response) }), plan });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = "";
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (value) buffered += value;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line) as ImportStreamEvent;
        if (event.type === "progress") setPhase({ kind: "applying", plan, done: event.done, total: event.total });
        else if (event.type === "done") return setPhase({ kind: "done", created: event.created, updated: event.updated, unchanged: event.unchanged });
        else return setPhase({ kind: "error", message: t("failed", { message: event.error.message }), plan });
      }
      if (done) return setPhase({ kind: "error", message: t("network"), plan });
    }
  }

  const busy = phase.kind === "checking" || phase.kind === "applying";
  const plan = phase.kind === "previewed" || phase.kind === "applying" || phase.kind === "error" ? phase.plan : undefined;

  return (
    <div className="transfer-import">
      <form
        className="card transfer-upload"
        onSubmit={(event) => {
          event.preventDefault();
          void preview();
        }}
      >
        <label htmlFor="import-file">{t("file")}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setPhase({ kind: "idle" });
          }}
        />
        <button type="submit" className="button primary" disabled={!file || busy}>
          {phase.kind === "checking" ? t("previewing") : t("preview")}
        </button>
      </form>

      {phase.kind === "error" && (
        <p className="card notice-closed transfer-error" role="alert">
          {phase.message}
        </p>
      )}

      {plan && <PlanView plan={plan} />}

      {plan && phase.kind !== "error" && (
        <div className="card transfer-apply">
          {plan.rejected.length > 0 ? (
            <p className="transfer-blocked">{t("rejectedHint")}</p>
          ) : plan.create.length + plan.update.length === 0 ? (
            <p>{t("nothingToDo")}</p>
          ) : (
            <button type="button" className="button primary" disabled={busy} onClick={() => void apply(plan)}>
              {phase.kind === "applying" ? t("applying") : t("apply")}
            </button>
          )}
          {phase.kind === "applying" && (
            <div className="transfer-progress">
              <progress max={Math.max(phase.total, 1)} value={phase.done} aria-label={t("applying")} />
              <p aria-live="polite">{t("progress", { done: phase.done, total: phase.total })}</p>
            </div>
          )}
        </div>
      )}

      {phase.kind === "done" && (
        <div className="card transfer-done">
          <p role="status">{t("done", phase)}</p>
          <button type="button" className="button secondary" onClick={() => setPhase({ kind: "idle" })}>
            {t("again")}
          </button>
        </div>
      )}
    </div>
  );
}

function PlanView({ plan }: { plan: ImportPlanView }) {
  const t = useTranslations("transfer.import");
  const label = (key: string) => plan.columns.find((c) => c.key === key)?.label ?? key;
  const counts = [
    ["create", plan.create.length],
    ["update", plan.update.length],
    ["unchanged", plan.unchanged],
    ["rejected", plan.rejected.length],
  ] as const;
  const truncated = (count: number) => count > SHOWN && <p className="muted">{t("truncated", { shown: SHOWN, count })}</p>;

  return (
    <section className="card transfer-plan" aria-labelledby="plan-heading" data-testid="import-plan">
      <h2 id="plan-heading">{t("summary")}</h2>
      <p className="muted">{t("fileInfo", { format: plan.file.format.toUpperCase(), rows: plan.file.rows, encoding: plan.file.encoding ?? "none" })}</p>
      <dl className="transfer-counts">
        {counts.map(([key, count]) => (
          <div key={key} className={`transfer-count transfer-count-${key}${key === "rejected" && count > 0 ? " has-rejections" : ""}`} data-testid={`count-${key}`}>
            <dt>{t(key)}</dt>
            <dd>{count}</dd>
          </div>
        ))}
      </dl>

      {plan.rejected.length > 0 && (
        <>
          <h3>{t("rejectedTitle", { count: plan.rejected.length })}</h3>
          <div className="transfer-table-wrap">
            <table className="transfer-table" data-testid="rejected-rows">
              <thead>
                <tr>
                  <th scope="col">{t("row")}</th>
                  <th scope="col">{t("code")}</th>
                  <th scope="col">{t("reasons")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.rejected.slice(0, SHOWN).map((r) => (
                  <tr key={r.row}>
                    <td>{r.row}</td>
                    <td>{r.code}</td>
                    <td>
                      <ul>
                        {r.reasons.map((reason) => (
                          <li key={reason}>{reason}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {truncated(plan.rejected.length)}
        </>
      )}

      {plan.update.length > 0 && (
        <>
          <h3>{t("updateTitle", { count: plan.update.length })}</h3>
          <div className="transfer-table-wrap">
            <table className="transfer-table" data-testid="update-rows">
              <thead>
                <tr>
                  <th scope="col">{t("row")}</th>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("changes")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.update.slice(0, SHOWN).map((u) => (
                  <tr key={u.row}>
                    <td>{u.row}</td>
                    <td>
                      {u.name}
                      <br />
                      <span className="muted">{u.code}</span>
                    </td>
                    <td>
                      <ul>
                        {Object.entries(u.changes).map(([key, change]) => (
                          <li key={key}>
                            <strong>{label(key)}</strong>：<del>{change.before || t("empty")}</del> → <ins>{change.after || t("empty")}</ins>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {truncated(plan.update.length)}
        </>
      )}

      {plan.create.length > 0 && (
        <>
          <h3>{t("createTitle", { count: plan.create.length })}</h3>
          <div className="transfer-table-wrap">
            <table className="transfer-table" data-testid="create-rows">
              <thead>
                <tr>
                  <th scope="col">{t("row")}</th>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("place")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.create.slice(0, SHOWN).map((c) => (
                  <tr key={c.row}>
                    <td>{c.row}</td>
                    <td>
                      {c.name}
                      <br />
                      <span className="muted">{c.code}</span>
                    </td>
                    <td>
                      {c.city} {c.district}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {truncated(plan.create.length)}
        </>
      )}
    </section>
  );
}
