/**
 * `npm run admin:create -- --username admin --email admin@example.cn --password '…' --name '管理员'`:
 * creates a province administrator in DATABASE_URL, the first account of a new installation (there is no
 * self sign-up). Flags suffice for CI; on a terminal, missing ones are asked for, the password unechoed.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { disconnectDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/server/user/create-user";

const fields = ["username", "email", "password", "name"] as const;
type Field = (typeof fields)[number];

const { values } = parseArgs({
  options: Object.fromEntries(fields.map((f) => [f, { type: "string" }])) as Record<Field, { type: "string" }>,
  strict: true,
});

async function ask(question: string, hidden: boolean): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    // Print the question, then swallow the echo of what is typed.
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => {
      if (s.startsWith(question)) write(question);
    };
  }
  try {
    return (await rl.question(question)).trim();
  } finally {
    if (hidden) process.stdout.write("\n");
    rl.close();
  }
}

async function main(): Promise<number> {
  const input = { ...values } as Partial<Record<Field, string>>;
  const missing = fields.filter((f) => !input[f]);
  if (missing.length && !process.stdin.isTTY) {
    console.error(`admin:create: missing ${missing.map((f) => `--${f}`).join(", ")} (no terminal to ask on)`);
    return 2;
  }
  for (const field of missing) input[field] = await ask(`${field}: `, field === "password");

  try {
    const user = await createUser(
      { kind: "system", label: "system:admin-create" },
      { username: input.username!, email: input.email!, password: input.password!, name: input.name!, role: { role: "PROVINCE_ADMIN" } },
    );
    console.log(`admin:create: province administrator ${user.username} <${user.email}> created (id ${user.id}).`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const details = Array.isArray(error.details)
      ? (error.details as { path: string; message: string }[]).map((d) => `\n  ${d.path}: ${d.message}`).join("")
      : "";
    console.error(`admin:create: ${error.message}${details}`);
    return 1;
  } finally {
    await disconnectDb();
  }
}

process.exitCode = await main();
