import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, clientMessages } from "@/lib/i18n/client-messages";
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
});
