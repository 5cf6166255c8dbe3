import type { Role } from "@/db/schema";

export type NavKey =
  | "home"
  | "cooperatives"
  | "cohorts"
  | "milestones"
  | "funding"
  | "fairs"
  | "mentors"
  | "sessions"
  | "impact"
  | "users"
  | "audit"
  | "backup"
  | "people"
  | "account";

export type NavItem = { href: string; key: NavKey; roles: readonly Role[] };

const EVERYONE = ["admin", "staff", "mentor", "official"] as const;

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", key: "home", roles: EVERYONE },
  { href: "/cooperatives", key: "cooperatives", roles: EVERYONE },
  { href: "/cohorts", key: "cohorts", roles: ["admin", "staff"] },
  { href: "/milestones", key: "milestones", roles: ["admin", "staff", "mentor"] },
  { href: "/funding", key: "funding", roles: EVERYONE },
  { href: "/fairs", key: "fairs", roles: EVERYONE },
  { href: "/mentors", key: "mentors", roles: ["admin", "staff"] },
  { href: "/sessions", key: "sessions", roles: ["admin", "staff", "mentor"] },
  { href: "/impact", key: "impact", roles: EVERYONE },
  { href: "/admin/users", key: "users", roles: ["admin"] },
  { href: "/admin/audit", key: "audit", roles: ["admin"] },
  { href: "/admin/backup", key: "backup", roles: ["admin"] },
  { href: "/admin/people", key: "people", roles: ["admin"] },
  { href: "/account", key: "account", roles: EVERYONE },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
