import { readFile, writeFile } from "node:fs/promises";

const DOC = "docs/BENCHMARKS.md";
const NEW_DOC = `# Benchmarks

Each section below is written by the script it names; re-running a script replaces its section only.
Numbers from one machine on one day: compare figures measured in the same run rather than across days.
`;

/**
 * Replaces the section `## title` of docs/BENCHMARKS.md (from its heading up to the next `## ` heading or
 * the end) with `markdown`, or appends it, leaving the other scripts' sections as they are.
 */
export async function writeBenchmarkSection(title: string, markdown: string): Promise<void> {
  const current = await readFile(DOC, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return NEW_DOC;
    throw error;
  });
  const heading = `## ${title}`;
  const section = `${heading}\n\n${markdown.trim()}\n`;
  const lines = current.split("\n");
  const start = lines.findIndex((line) => line.trimEnd() === heading);
  if (start === -1) {
    await writeFile(DOC, `${current.trimEnd()}\n\n${section}`);
    return;
  }
  const next = lines.findIndex((line, index) => index > start && line.startsWith("## "));
  const before = lines.slice(0, start).join("\n");
  const after = next === -1 ? "" : `\n${lines.slice(next).join("\n")}`;
  await writeFile(DOC, `${before ? `${before}\n` : ""}${section}${after}`);
}
