"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/admin/field";
import { FormFooter, useAdminSubmit } from "@/components/admin/use-admin-submit";
import { contactErasureSchema, type ContactErased, type ContactMatch } from "@/lib/validations/feedback";

/**
 * A reporter asks for their details to be deleted: find the reports holding their contact, check the
 * list, then erase it from all of them. The erase button acts on the contact that was searched, so what
 * is erased is what the list showed (plus any report holding it that arrived since).
 */
export function ContactErasureForm() {
  const t = useTranslations("admin.contacts");
  const format = useFormatter();
  const [contact, setContact] = useState("");
  const [searched, setSearched] = useState<{ contact: string; matches: ContactMatch[] } | null>(null);
  const [erased, setErased] = useState<ContactErased | null>(null);
  const search = useAdminSubmit();
  const erase = useAdminSubmit();

  async function find(event: FormEvent) {
    event.preventDefault();
    setErased(null);
    const result = await search.submit<{ matches: ContactMatch[] }>(contactErasureSchema, { contact }, "/api/v1/admin/feedback-contacts", "POST");
    setSearched(result ? { contact, matches: result.matches } : null);
  }

  async function eraseAll(event: FormEvent) {
    event.preventDefault();
    if (!searched) return;
    const result = await erase.submit<ContactErased>(contactErasureSchema, { contact: searched.contact }, "/api/v1/admin/feedback-contacts/erase", "POST");
    if (result) {
      setErased(result);
      setSearched(null);
    }
  }

  return (
    <>
      <form className="card admin-form" noValidate onSubmit={find} aria-label={t("searchLabel")}>
        <Field id="erase-contact" label={t("contact")} hint={t("contactHint")} error={search.errors.contact}>
          <input type="text" value={contact} onChange={(e) => setContact(e.target.value)} autoComplete="off" spellCheck={false} maxLength={100} />
        </Field>
        <FormFooter outcome={search.outcome.kind === "done" ? { kind: "idle" } : search.outcome} label={t("search")} sendingLabel={t("searching")} />
      </form>

      {searched && (
        <section className="card" aria-labelledby="contact-matches-heading">
          <h2 id="contact-matches-heading">{t("matches", { count: searched.matches.length })}</h2>
          {searched.matches.length > 0 && (
            <>
              <ul className="admin-contact-matches" data-testid="contact-matches">
                {searched.matches.map((m) => (
                  <li key={m.id} data-testid="contact-match">
                    <p>
                      <strong>{m.stationName}</strong> · {t(`kinds.${m.kind}`)} · {format.dateTime(new Date(m.createdAt), { dateStyle: "medium", timeZone: "Asia/Shanghai" })}
                    </p>
                    <p className="admin-break">{m.contact ? t("inContact", { contact: m.contact }) : t("noContactField")}</p>
                    {m.messageMentionsContact && <p>{t("inMessage")}</p>}
                  </li>
                ))}
              </ul>
              <form className="admin-form admin-confirm" noValidate onSubmit={eraseAll}>
                <p>{t("confirm", { count: searched.matches.length })}</p>
                <FormFooter outcome={erase.outcome.kind === "done" ? { kind: "idle" } : erase.outcome} label={t("erase")} sendingLabel={t("erasing")} />
              </form>
            </>
          )}
        </section>
      )}

      <p role="status" className="admin-outcome">
        {erased && t("erased", { erased: erased.erased, redacted: erased.redactedMessages })}
      </p>
    </>
  );
}
