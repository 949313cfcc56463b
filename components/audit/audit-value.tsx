import { getFormatter, getTranslations } from "next-intl/server";

const SHOWN_CHARACTERS = 60;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * One side of a change, always as text (React escapes it): instants in Asia/Shanghai, a record as
 * `name: value` pairs without its empty fields, short values in full and long ones cut, with the whole
 * value as indented JSON behind a disclosure.
 */
export async function AuditValue({ value }: { value: unknown }) {
  const [t, format] = await Promise.all([getTranslations("audit"), getFormatter()]);
  if (value === undefined) return <span className="audit-value is-absent">{t("absent")}</span>;
  if (value === null || value === "") return <span className="audit-value is-absent">{t("empty")}</span>;
  const plain = (v: unknown): string => {
    if (typeof v === "string" && ISO_INSTANT.test(v)) {
      return format.dateTime(new Date(v), { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    }
    return typeof v === "string" ? v : JSON.stringify(v);
  };
  const text =
    typeof value === "object" && !Array.isArray(value)
      ? Object.entries(value)
          .filter(([, v]) => v !== null && v !== "")
          .map(([k, v]) => `${k}: ${plain(v)}`)
          .join("; ")
      : plain(value);
  if (text.length <= SHOWN_CHARACTERS) return <span className="audit-value">{text}</span>;
  return (
    <details className="audit-value">
      <summary>
        {text.slice(0, SHOWN_CHARACTERS)}… <span className="muted">{t("fullValue")}</span>
      </summary>
      <pre>{typeof value === "string" ? value : JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
