import "@/lib/zod";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

const schema = z
  .object({
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATA_DIR: z.string().min(1).default(".data"),
    NEXTAUTH_SECRET: z
      .string()
      .min(32, "NEXTAUTH_SECRET must be at least 32 characters")
      .optional(),
    NEXTAUTH_URL: z.url().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    SEED_DEMO: flag,
    DEMO_TODAY: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "DEMO_TODAY must be YYYY-MM-DD")
      .optional(),
    SESSION_MAX_AGE_HOURS: z.coerce.number().positive().max(720).default(12),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** `off` behind a pooler in transaction mode (db/index.ts postgresClient). */
    DATABASE_PREPARE: z.enum(["on", "off"]).default("on"),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(10),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(100),
    LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  })
  .refine((env) => !env.DATABASE_URL || env.NEXTAUTH_SECRET, {
    path: ["NEXTAUTH_SECRET"],
    message:
      "NEXTAUTH_SECRET is required with DATABASE_URL: set it to a random string of at least 32 characters (for example `openssl rand -base64 32`).",
  });

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).map(([key, value]) => [key, value === "" ? undefined : value]),
  );
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `- ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
