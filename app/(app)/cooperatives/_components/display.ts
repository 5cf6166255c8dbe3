import type { Viewer } from "@/lib/dal";

/** Officials see an auto-entrepreneur (a person's name) as "auto-entrepreneur #id" (DOMAIN.md). */
export function hidesPersonName(viewer: Viewer, legalForm: string): boolean {
  return viewer.role === "official" && legalForm === "auto_entrepreneur";
}
