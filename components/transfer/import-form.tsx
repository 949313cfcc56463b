"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import type { ImportPlanView, ImportStreamEvent } from "@/lib/validations/admin-responses";

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

      <RowsTable
        testId="rejected-rows"
        title={t("rejectedTitle", { count: plan.rejected.length })}
        headers={[t("row"), t("code"), t("reasons")]}
        items={plan.rejected}
        cells={(r) => [r.code, <List key="reasons" items={r.reasons} />]}
      />
      <RowsTable
        testId="update-rows"
        title={t("updateTitle", { count: plan.update.length })}
        headers={[t("row"), t("name"), t("changes")]}
        items={plan.update}
        cells={(u) => [
          <NameAndCode key="name" name={u.name} code={u.code} />,
          <ul key="changes">
            {Object.entries(u.changes).map(([key, change]) => (
              <li key={key}>
                <strong>{label(key)}</strong>：<del>{change.before || t("empty")}</del> → <ins>{change.after || t("empty")}</ins>
              </li>
            ))}
          </ul>,
        ]}
      />
      <RowsTable
        testId="create-rows"
        title={t("createTitle", { count: plan.create.length })}
        headers={[t("row"), t("name"), t("place")]}
        items={plan.create}
        cells={(c) => [<NameAndCode key="name" name={c.name} code={c.code} />, `${c.city} ${c.district}`]}
      />
    </section>
  );
}

/** One list of the plan (rejected, updated or created rows), by spreadsheet row, the first SHOWN of them. */
function RowsTable<T extends { row: number }>({ testId, title, headers, items, cells }: { testId: string; title: string; headers: string[]; items: T[]; cells: (item: T) => ReactNode[] }) {
  const t = useTranslations("transfer.import");
  if (!items.length) return null;
  return (
    <>
      <h3>{title}</h3>
      <div className="transfer-table-wrap">
        <table className="transfer-table" data-testid={testId}>
          <thead>
            <tr>
              {headers.map((header) => (
                <th key={header} scope="col">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.slice(0, SHOWN).map((item) => (
              <tr key={item.row}>
                <td>{item.row}</td>
                {cells(item).map((cell, index) => (
                  <td key={index}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length > SHOWN && <p className="muted">{t("truncated", { shown: SHOWN, count: items.length })}</p>}
    </>
  );
}

function NameAndCode({ name, code }: { name: string; code: string }) {
  return (
    <>
      {name}
      <br />
      <span className="muted">{code}</span>
    </>
  );
}

function List({ items }: { items: string[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}
