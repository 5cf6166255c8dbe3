/**
 * The lists behind the database's enums, without drizzle: client components (forms' choices)
 * import them from here, so a page with a form does not load drizzle-orm in its first load.
 * `db/schema` re-exports them, with the types, for server code.
 */

export const ROLES = ["admin", "staff", "mentor", "official"] as const;
export const LEGAL_FORMS = [
  "cooperative",
  "cooperative_union",
  "association",
  "association_network",
  "social_enterprise",
  "auto_entrepreneur",
] as const;
export const SECTORS = [
  "agriculture",
  "handicraft",
  "food_products",
  "aromatic_medicinal_plants",
  "argan",
  "forestry",
  "tourism",
  "housing",
  "waste_recycling",
  "services_digital",
  "transport",
  "literacy",
  "other",
] as const;
export const AREAS = ["urban", "rural"] as const;
export const STAGES = [
  "applicant",
  "selected",
  "pre_incubation",
  "incubation",
  "post_incubation",
  "graduated",
  "withdrawn",
] as const;
export const ACTIVE_STAGES = ["pre_incubation", "incubation", "post_incubation"] as const;
export const FUNDING_SOURCES = [
  "region_council",
  "ministry_ess",
  "odco",
  "indh",
  "ads",
  "entraide_nationale",
  "fm5",
  "ocp_foundation",
  "bank_loan",
  "honour_loan",
  "microfinance",
  "international",
  "private_sponsor",
  "own_contribution",
] as const;
export const FUNDING_KINDS = ["grant", "loan", "honour_loan", "in_kind", "prize"] as const;
export const SUPPORT_KINDS = ["grant", "prize", "in_kind"] as const;
export const AWARD_STATUSES = [
  "requested",
  "approved",
  "disbursing",
  "completed",
  "rejected",
  "cancelled",
] as const;
export const COMMITTED_AWARD_STATUSES = ["approved", "disbursing", "completed"] as const;
export const TRANCHE_STATUSES = ["planned", "disbursed"] as const;
export const SESSION_MODES = ["in_person", "field_visit", "remote", "phone"] as const;
export const SESSION_TOPICS = [
  "governance",
  "accounting",
  "marketing",
  "production",
  "quality",
  "funding",
  "legal",
  "digital",
  "other",
] as const;
export const MILESTONE_STATUSES = [
  "todo",
  "in_progress",
  "blocked",
  "reported",
  "done",
  "waived",
] as const;
export const COHORT_STATUSES = ["planned", "active", "closed"] as const;
export const SNAPSHOT_KINDS = ["baseline", "periodic"] as const;
export const EVENT_KINDS = [
  "regional_fair",
  "creative_fair",
  "itinerant_market",
  "exhibition",
  "other",
] as const;

export type Role = (typeof ROLES)[number];
export type Stage = (typeof STAGES)[number];
