import readline from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDb, getDb, getDriver } from "../db/index";
import { runMigrations } from "../db/migrate";
import { createUser, findUserByEmail } from "../db/queries/users";
import { ROLES } from "../db/schema";
import { seedReference } from "../db/seed/reference";
import { hashPassword } from "../lib/password";

const input = z.object({
  email: z.email().transform((email) => email.toLowerCase()),
  role: z.enum(ROLES),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(10, "the password needs at least 10 characters").max(1024),
});

async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY)
    throw new Error("Set USER_PASSWORD, or run this in a terminal to type it.");
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      muted = false;
      rl.question(question, (answer) => resolve(answer));
      muted = true;
    });
  const first = await ask("Password: ");
  process.stdout.write("\n");
  const second = await ask("Repeat the password: ");
  process.stdout.write("\n");
  rl.close();
  if (first !== second) throw new Error("The two passwords differ.");
  return first;
}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
  });
  const password = process.env.USER_PASSWORD || (await promptPassword());
  const parsed = input.safeParse({ ...values, name: values.name ?? values.email, password });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `- ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(
      `usage: npm run user:create -- --email E --role ${ROLES.join("|")} [--name N]\n${problems.join("\n")}`,
    );
  }
  const db = await getDb();
  await runMigrations(db, await getDriver());
  await seedReference(db);
  if (await findUserByEmail(db, parsed.data.email))
    throw new Error(`A user ${parsed.data.email} already exists.`);
  const id = await createUser(
    db,
    { ...parsed.data, passwordHash: await hashPassword(parsed.data.password) },
    null,
  );
  console.log(`Created ${parsed.data.role} ${parsed.data.email} (id ${id}).`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
