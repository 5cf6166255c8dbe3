import type { MILESTONE_STATUSES } from "@/db/enums";

/**
 * Milestone statuses without zod: client components import them from here, so a cooperative's
 * page does not load zod and the schemas in its first load. `lib/validation/milestone`
 * re-exports them for server code.
 */

export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** What a mentor may set (DOMAIN.md): never done or waived, which staff decide. */
export const MENTOR_STATUSES = ["todo", "in_progress", "blocked", "reported"] as const;

export function isMentorStatus(status: string): status is (typeof MENTOR_STATUSES)[number] {
  return (MENTOR_STATUSES as readonly string[]).includes(status);
}
