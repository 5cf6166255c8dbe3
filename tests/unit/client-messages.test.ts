import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, PUBLIC_NAMESPACES, clientMessages } from "@/lib/i18n/client-messages";
import en from "@/lib/i18n/messages/en.json";

const ROOT = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .flatMap((entry) =>
      entry.isFile() && /\.tsx?$/.test(entry.name) ? [path.join(entry.parentPath, entry.name)] : [],
    );
}

describe("messages sent to the browser", () => {
  const files = ["app", "components", "lib"].flatMap(sources);
  const reads = files.flatMap((file) =>
    [...fs.readFileSync(file, "utf8").matchAll(/useTranslations\(([^)]*)\)/g)].map((match) => ({
      file: path.relative(ROOT, file),
      argument: match[1]!.trim(),
    })),
  );

  it("finds the client components' translations", () => {
    expect(reads.length).toBeGreaterThan(20);
  });

  it("include every namespace a component reads with useTranslations", () => {
    const missing = reads.filter(({ argument }) => {
      const namespace = /^"([A-Za-z]+)[."]/.exec(argument)?.[1];
      return !namespace || !(CLIENT_NAMESPACES as readonly string[]).includes(namespace);
    });
    expect(missing).toEqual([]);
  });

  it("name namespaces that exist, and leave the server-only ones out", () => {
    for (const namespace of CLIENT_NAMESPACES) expect(en).toHaveProperty(namespace);
    const sent = clientMessages(en);
    expect(Object.keys(sent).sort()).toEqual([...CLIENT_NAMESPACES].sort());
    expect(sent).not.toHaveProperty("impact");
    expect(sent).not.toHaveProperty("privacy");
  });

  it("outside the signed-in app, components read only the public namespaces the root layout sends", () => {
    // Every module a page, layout or error page outside app/(app) imports, followed to the end.
    const resolve = (from: string, spec: string): string | undefined => {
      const base = spec.startsWith("@/")
        ? path.join(ROOT, spec.slice(2))
        : spec.startsWith(".")
          ? path.resolve(path.dirname(from), spec)
          : undefined;
      if (!base) return undefined;
      return [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.ts")].find(
        (candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
      );
    };
    const entries = sources("app").filter(
      (file) =>
        !path.relative(ROOT, file).startsWith(path.join("app", "(app)")) &&
        !path.relative(ROOT, file).startsWith(path.join("app", "api")),
    );
    const seen = new Set<string>();
    const queue = [...entries];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = fs.readFileSync(file, "utf8");
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
        const target = resolve(file, match[1]!);
        if (target) queue.push(target);
      }
    }
    expect(seen.size).toBeGreaterThan(entries.length);
    const outside = [...seen].flatMap((file) =>
      [...fs.readFileSync(file, "utf8").matchAll(/useTranslations\(([^)]*)\)/g)].map((match) => ({
        file: path.relative(ROOT, file),
        namespace: /^"([A-Za-z]+)[."]/.exec(match[1]!.trim())?.[1],
      })),
    );
    expect(outside.map((read) => read.file)).toContain(
      path.join("app", "(auth)", "login", "login-form.tsx"),
    );
    expect(
      outside.filter(
        (read) => !(PUBLIC_NAMESPACES as readonly (string | undefined)[]).includes(read.namespace),
      ),
    ).toEqual([]);
    expect(Object.keys(clientMessages(en, PUBLIC_NAMESPACES)).sort()).toEqual(
      [...PUBLIC_NAMESPACES].sort(),
    );
  });
});
