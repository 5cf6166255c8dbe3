import type { Role } from "@/db/schema";

export type NavItem = { href: string; key: "home"; roles: readonly Role[] };

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", key: "home", roles: ["admin", "staff", "mentor", "official"] },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
