import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  AREAS,
  AWARD_STATUSES,
  COHORT_STATUSES,
  EVENT_KINDS,
  FUNDING_KINDS,
  FUNDING_SOURCES,
  LEGAL_FORMS,
  MILESTONE_STATUSES,
  ROLES,
  SECTORS,
  SESSION_MODES,
  SESSION_TOPICS,
  SNAPSHOT_KINDS,
  STAGES,
  TRANCHE_STATUSES,
} from "./enums";

export * from "./enums";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const money = (name: string) => numeric(name, { precision: 14, scale: 2 });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum("role", ROLES);
export const legalFormEnum = pgEnum("legal_form", LEGAL_FORMS);
export const sectorEnum = pgEnum("sector", SECTORS);
export const areaEnum = pgEnum("area", AREAS);
export const stageEnum = pgEnum("stage", STAGES);
export const fundingSourceEnum = pgEnum("funding_source", FUNDING_SOURCES);
export const fundingKindEnum = pgEnum("funding_kind", FUNDING_KINDS);
export const awardStatusEnum = pgEnum("award_status", AWARD_STATUSES);
export const trancheStatusEnum = pgEnum("tranche_status", TRANCHE_STATUSES);
export const sessionModeEnum = pgEnum("session_mode", SESSION_MODES);
export const sessionTopicEnum = pgEnum("session_topic", SESSION_TOPICS);
export const milestoneStatusEnum = pgEnum("milestone_status", MILESTONE_STATUSES);
export const cohortStatusEnum = pgEnum("cohort_status", COHORT_STATUSES);
export const snapshotKindEnum = pgEnum("snapshot_kind", SNAPSHOT_KINDS);
export const eventKindEnum = pgEnum("event_kind", EVENT_KINDS);

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    active: boolean("active").notNull().default(true),
    sessionVersion: integer("session_version").notNull().default(1),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    locale: text("locale"),
    phone: text("phone"),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    index("users_role_idx").on(t.role),
    check("users_email_lower", sql`${t.email} = lower(${t.email})`),
    check("users_locale_known", sql`${t.locale} is null or ${t.locale} in ('ar', 'fr', 'en')`),
  ],
);

export const regions = pgTable("regions", {
  key: text("key").primaryKey(),
  nameAr: text("name_ar").notNull(),
  nameFr: text("name_fr").notNull(),
  nameEn: text("name_en").notNull(),
});

export const provinces = pgTable(
  "provinces",
  {
    key: text("key").primaryKey(),
    regionKey: text("region_key")
      .notNull()
      .references(() => regions.key),
    nameAr: text("name_ar").notNull(),
    nameFr: text("name_fr").notNull(),
    nameEn: text("name_en").notNull(),
  },
  (t) => [index("provinces_region_idx").on(t.regionKey)],
);

export const programs = pgTable(
  "programs",
  {
    id: serial("id").primaryKey(),
    key: text("key").notNull(),
    nameAr: text("name_ar").notNull(),
    nameFr: text("name_fr").notNull(),
    nameEn: text("name_en").notNull(),
    description: text("description"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("programs_key_key").on(t.key),
    check("programs_key_format", sql`${t.key} ~ '^[a-z][a-z0-9_]*$'`),
  ],
);

export const cohorts = pgTable(
  "cohorts",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id),
    startOn: date("start_on").notNull(),
    endOn: date("end_on").notNull(),
    capacity: integer("capacity").notNull(),
    status: cohortStatusEnum("status").notNull().default("planned"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("cohorts_program_idx").on(t.programId),
    index("cohorts_status_idx").on(t.status),
    check("cohorts_dates", sql`${t.endOn} >= ${t.startOn}`),
    check("cohorts_capacity_positive", sql`${t.capacity} > 0`),
  ],
);

export const cooperatives = pgTable(
  "cooperatives",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    nameLatin: text("name_latin"),
    legalForm: legalFormEnum("legal_form").notNull(),
    sector: sectorEnum("sector").notNull(),
    province: text("province")
      .notNull()
      .references(() => provinces.key),
    commune: text("commune"),
    area: areaEnum("area").notNull(),
    registrationNumber: text("registration_number"),
    registeredOn: date("registered_on"),
    court: text("court"),
    foundedOn: date("founded_on"),
    womenCoop: boolean("women_coop").notNull().default(false),
    membersTotal: integer("members_total").notNull().default(0),
    membersWomen: integer("members_women").notNull().default(0),
    membersYouth: integer("members_youth").notNull().default(0),
    shareCapitalMad: money("share_capital_mad"),
    stage: stageEnum("stage").notNull().default("applicant"),
    cohortId: integer("cohort_id").references(() => cohorts.id),
    contactName: text("contact_name"),
    phone: text("phone"),
    email: text("email"),
    address: text("address"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    searchText: text("search_text").generatedAlwaysAs(
      sql`hadina_fold(coalesce(name, '') || ' ' || coalesce(name_latin, '') || ' ' || coalesce(registration_number, ''))`,
    ),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("cooperatives_search_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    index("cooperatives_province_idx").on(t.province),
    index("cooperatives_sector_idx").on(t.sector),
    index("cooperatives_stage_idx").on(t.stage),
    index("cooperatives_cohort_idx").on(t.cohortId),
    index("cooperatives_legal_form_idx").on(t.legalForm),
    index("cooperatives_area_idx").on(t.area),
    index("cooperatives_created_by_idx").on(t.createdBy),
    index("cooperatives_live_name_idx")
      .on(t.name, t.id)
      .where(sql`${t.archivedAt} is null`),
    index("cooperatives_live_province_name_idx")
      .on(t.province, t.name, t.id)
      .where(sql`${t.archivedAt} is null`),
    index("cooperatives_live_updated_idx")
      .on(t.updatedAt, t.id)
      .where(sql`${t.archivedAt} is null`),
    check("cooperatives_members_nonnegative", sql`${t.membersTotal} >= 0`),
    check(
      "cooperatives_members_women_le_total",
      sql`${t.membersWomen} >= 0 and ${t.membersWomen} <= ${t.membersTotal}`,
    ),
    check(
      "cooperatives_members_youth_le_total",
      sql`${t.membersYouth} >= 0 and ${t.membersYouth} <= ${t.membersTotal}`,
    ),
    check(
      "cooperatives_share_capital_nonnegative",
      sql`${t.shareCapitalMad} is null or ${t.shareCapitalMad} >= 0`,
    ),
    check("cooperatives_phone_format", sql`${t.phone} is null or ${t.phone} ~ '^0[5-7][0-9]{8}$'`),
    check("cooperatives_version_positive", sql`${t.version} >= 1`),
  ],
);

export const stageChanges = pgTable(
  "stage_changes",
  {
    id: serial("id").primaryKey(),
    cooperativeId: integer("cooperative_id")
      .notNull()
      .references(() => cooperatives.id),
    fromStage: stageEnum("from_stage"),
    toStage: stageEnum("to_stage").notNull(),
    changedOn: date("changed_on").notNull(),
    changedBy: integer("changed_by").references(() => users.id),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [
    index("stage_changes_cooperative_idx").on(t.cooperativeId, t.changedOn),
    index("stage_changes_to_stage_idx").on(t.toStage, t.changedOn),
    index("stage_changes_changed_by_idx").on(t.changedBy),
  ],
);

export const mentorAssignments = pgTable(
  "mentor_assignments",
  {
    id: serial("id").primaryKey(),
    mentorId: integer("mentor_id")
      .notNull()
      .references(() => users.id),
    cooperativeId: integer("cooperative_id")
      .notNull()
      .references(() => cooperatives.id),
    startOn: date("start_on").notNull(),
    endOn: date("end_on"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("mentor_assignments_mentor_idx").on(t.mentorId, t.cooperativeId),
    index("mentor_assignments_cooperative_idx").on(t.cooperativeId),
    index("mentor_assignments_created_by_idx").on(t.createdBy),
    check("mentor_assignments_dates", sql`${t.endOn} is null or ${t.endOn} >= ${t.startOn}`),
  ],
);

export const mentoringSessions = pgTable(
  "mentoring_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cooperativeId: integer("cooperative_id")
      .notNull()
      .references(() => cooperatives.id),
    mentorId: integer("mentor_id")
      .notNull()
      .references(() => users.id),
    heldOn: date("held_on").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    mode: sessionModeEnum("mode").notNull(),
    topics: sessionTopicEnum("topics")
      .array()
      .notNull()
      .default(sql`'{}'`),
    attendees: integer("attendees").notNull().default(1),
    notes: text("notes"),
    nextSteps: text("next_steps"),
    followUpOn: date("follow_up_on"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("mentoring_sessions_cooperative_idx").on(t.cooperativeId, t.heldOn),
    index("mentoring_sessions_mentor_idx").on(t.mentorId, t.heldOn),
    // The sessions list's order (newest first, db/queries/sessions.ts newestFirst), read
    // backwards: its first page reads 20 rows instead of every session of the latest day.
    index("mentoring_sessions_newest_idx").on(t.heldOn, t.createdAt, t.id.desc().nullsFirst()),
    check("mentoring_sessions_duration_range", sql`${t.durationMinutes} between 1 and 720`),
    check("mentoring_sessions_attendees_nonnegative", sql`${t.attendees} >= 0`),
  ],
);

export const milestoneTemplates = pgTable(
  "milestone_templates",
  {
    id: serial("id").primaryKey(),
    key: text("key").notNull(),
    programId: integer("program_id").references(() => programs.id),
    stage: stageEnum("stage").notNull(),
    sortOrder: integer("sort_order").notNull(),
    dueOffsetDays: integer("due_offset_days").notNull(),
    labelAr: text("label_ar").notNull(),
    labelFr: text("label_fr").notNull(),
    labelEn: text("label_en").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("milestone_templates_key_key").on(t.key),
    index("milestone_templates_program_idx").on(t.programId),
    index("milestone_templates_stage_idx").on(t.stage, t.sortOrder),
    check("milestone_templates_offset_nonnegative", sql`${t.dueOffsetDays} >= 0`),
  ],
);

export const milestones = pgTable(
  "milestones",
  {
    id: serial("id").primaryKey(),
    cooperativeId: integer("cooperative_id")
      .notNull()
      .references(() => cooperatives.id),
    templateId: integer("template_id").references(() => milestoneTemplates.id),
    title: text("title"),
    stage: stageEnum("stage").notNull(),
    status: milestoneStatusEnum("status").notNull().default("todo"),
    dueOn: date("due_on"),
    completedOn: date("completed_on"),
    evidenceText: text("evidence_text"),
    evidenceUrl: text("evidence_url"),
    comment: text("comment"),
    reportedBy: integer("reported_by").references(() => users.id),
    reportedAt: timestamp("reported_at", { withTimezone: true }),
    verifiedBy: integer("verified_by").references(() => users.id),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("milestones_cooperative_template_key").on(t.cooperativeId, t.templateId),
    index("milestones_template_idx").on(t.templateId),
    index("milestones_status_due_idx").on(t.status, t.dueOn),
    index("milestones_reported_by_idx").on(t.reportedBy),
    index("milestones_verified_by_idx").on(t.verifiedBy),
    check(
      "milestones_title_or_template",
      sql`${t.templateId} is not null or (${t.title} is not null and length(${t.title}) > 0)`,
    ),
    check("milestones_done_has_date", sql`${t.status} <> 'done' or ${t.completedOn} is not null`),
  ],
);

export const attachments = pgTable(
  "attachments",
  {
    id: serial("id").primaryKey(),
    milestoneId: integer("milestone_id").references(() => milestones.id),
    sessionId: uuid("session_id").references(() => mentoringSessions.id),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    data: bytea("data").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("attachments_milestone_idx").on(t.milestoneId),
    index("attachments_session_idx").on(t.sessionId),
    index("attachments_uploaded_by_idx").on(t.uploadedBy),
    check("attachments_one_owner", sql`(${t.milestoneId} is null) <> (${t.sessionId} is null)`),
    check("attachments_size_range", sql`${t.sizeBytes} > 0 and ${t.sizeBytes} <= 5242880`),
    check(
      "attachments_content_type",
      sql`${t.contentType} in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')`,
    ),
  ],
);

export const fundingAwards = pgTable(
  "funding_awards",
  {
    id: serial("id").primaryKey(),
    cooperativeId: integer("cooperative_id")
      .notNull()
      .references(() => cooperatives.id),
    programId: integer("program_id").references(() => programs.id),
    source: fundingSourceEnum("source").notNull(),
    kind: fundingKindEnum("kind").notNull(),
    amountMad: money("amount_mad").notNull(),
    coFinancingMad: money("co_financing_mad").notNull().default("0"),
    awardedOn: date("awarded_on").notNull(),
    status: awardStatusEnum("status").notNull().default("requested"),
    notes: text("notes"),
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("funding_awards_cooperative_idx").on(t.cooperativeId),
    index("funding_awards_program_idx").on(t.programId),
    index("funding_awards_status_awarded_idx").on(t.status, t.awardedOn),
    index("funding_awards_source_idx").on(t.source),
    index("funding_awards_created_by_idx").on(t.createdBy),
    check("funding_awards_amount_positive", sql`${t.amountMad} > 0`),
    check("funding_awards_co_financing_nonnegative", sql`${t.coFinancingMad} >= 0`),
  ],
);

export const disbursements = pgTable(
  "disbursements",
  {
    id: serial("id").primaryKey(),
    awardId: integer("award_id")
      .notNull()
      .references(() => fundingAwards.id),
    status: trancheStatusEnum("status").notNull().default("disbursed"),
    disbursedOn: date("disbursed_on"),
    amountMad: money("amount_mad").notNull(),
    reference: text("reference"),
    releaseMilestoneId: integer("release_milestone_id").references(() => milestones.id),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("disbursements_award_idx").on(t.awardId),
    index("disbursements_disbursed_on_idx").on(t.disbursedOn),
    index("disbursements_release_milestone_idx").on(t.releaseMilestoneId),
    index("disbursements_created_by_idx").on(t.createdBy),
    check("disbursements_amount_positive", sql`${t.amountMad} > 0`),
    check(
      "disbursements_date_when_disbursed",
      sql`(${t.status} = 'disbursed') = (${t.disbursedOn} is not null)`,
    ),
  ],
);

export const jobsSnapshots = pgTable(
  "jobs_snapshots",
  {
    id: serial("id").primaryKey(),
    cooperativeId: integer("cooperative_id")
      .notNull()
      .references(() => cooperatives.id),
    kind: snapshotKindEnum("kind").notNull().default("periodic"),
    asOf: date("as_of").notNull(),
    jobsTotal: integer("jobs_total").notNull(),
    jobsWomen: integer("jobs_women").notNull(),
    jobsYouth: integer("jobs_youth").notNull(),
    seasonalJobs: integer("seasonal_jobs").notNull().default(0),
    membersTotal: integer("members_total"),
    source: text("source").notNull(),
    notes: text("notes"),
    submittedBy: integer("submitted_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("jobs_snapshots_one_baseline")
      .on(t.cooperativeId)
      .where(sql`${t.kind} = 'baseline'`),
    uniqueIndex("jobs_snapshots_cooperative_as_of_key").on(t.cooperativeId, t.asOf),
    index("jobs_snapshots_as_of_idx").on(t.asOf),
    index("jobs_snapshots_submitted_by_idx").on(t.submittedBy),
    check("jobs_snapshots_total_nonnegative", sql`${t.jobsTotal} >= 0`),
    check(
      "jobs_snapshots_women_le_total",
      sql`${t.jobsWomen} >= 0 and ${t.jobsWomen} <= ${t.jobsTotal}`,
    ),
    check(
      "jobs_snapshots_youth_le_total",
      sql`${t.jobsYouth} >= 0 and ${t.jobsYouth} <= ${t.jobsTotal}`,
    ),
    check("jobs_snapshots_seasonal_nonnegative", sql`${t.seasonalJobs} >= 0`),
    check(
      "jobs_snapshots_members_nonnegative",
      sql`${t.membersTotal} is null or ${t.membersTotal} >= 0`,
    ),
  ],
);

export const events = pgTable(
  "events",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    kind: eventKindEnum("kind").notNull(),
    province: text("province").references(() => provinces.key),
    location: text("location"),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("events_province_idx").on(t.province),
    index("events_starts_on_idx").on(t.startsOn),
    check("events_dates", sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

export const eventParticipations = pgTable(
  "event_participations",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id),
    cooperativeId: integer("cooperative_id")
      .notNull()
      .references(() => cooperatives.id),
    salesMad: money("sales_mad"),
    notes: text("notes"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("event_participations_event_cooperative_key").on(t.eventId, t.cooperativeId),
    index("event_participations_cooperative_idx").on(t.cooperativeId),
    check(
      "event_participations_sales_nonnegative",
      sql`${t.salesMad} is null or ${t.salesMad} >= 0`,
    ),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: integer("actor_id").references(() => users.id),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_entity_idx").on(t.entity, t.entityId),
    index("audit_log_actor_idx").on(t.actorId, t.at),
  ],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: text("ip"),
    success: boolean("success").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("login_attempts_email_at_idx").on(t.email, t.at),
    index("login_attempts_ip_at_idx").on(t.ip, t.at),
  ],
);

export const IMPORT_STATUSES = ["previewed", "imported", "discarded"] as const;
export const importStatusEnum = pgEnum("import_status", IMPORT_STATUSES);

/** An uploaded spreadsheet kept in the database between preview and confirmation. */
export const importBatches = pgTable(
  "import_batches",
  {
    id: serial("id").primaryKey(),
    entity: text("entity").notNull(),
    filename: text("filename").notNull(),
    status: importStatusEnum("status").notNull().default("previewed"),
    header: jsonb("header").notNull(),
    rows: jsonb("rows").notNull(),
    rowCount: integer("row_count").notNull(),
    report: jsonb("report"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    index("import_batches_created_by_idx").on(t.createdBy, t.createdAt),
    check("import_batches_row_count", sql`${t.rowCount} >= 0`),
  ],
);

/**
 * Per-cooperative totals the impact figures read instead of scanning the activity tables:
 * kept current by statement-level triggers on jobs_snapshots, funding_awards, disbursements,
 * mentoring_sessions and stage_changes (migration 0006), so in the same transaction as the
 * write, whatever code path writes. Derived data: `hadina_refresh_figures(ids)` rebuilds rows.
 * Each "last …" date says up to when the totals hold: a figure asked as of an earlier date
 * reads the activity table for that cooperative instead (db/queries/metrics.ts).
 */
export const cooperativeFigures = pgTable(
  "cooperative_figures",
  {
    cooperativeId: integer("cooperative_id")
      .primaryKey()
      .references(() => cooperatives.id, { onDelete: "cascade" }),
    baseAsOf: date("base_as_of"),
    baseTotal: integer("base_total"),
    baseWomen: integer("base_women"),
    baseYouth: integer("base_youth"),
    latestAsOf: date("latest_as_of"),
    latestTotal: integer("latest_total"),
    latestWomen: integer("latest_women"),
    latestYouth: integer("latest_youth"),
    disbursedMad: money("disbursed_mad").notNull().default("0"),
    supportMad: money("support_mad").notNull().default("0"),
    lastDisbursedOn: date("last_disbursed_on"),
    committedMad: money("committed_mad").notNull().default("0"),
    lastCommittedOn: date("last_committed_on"),
    sessionMinutes: bigint("session_minutes", { mode: "number" }).notNull().default(0),
    lastHeldOn: date("last_held_on"),
    exitStage: stageEnum("exit_stage"),
    exitOn: date("exit_on"),
  },
  (t) => [index("cooperative_figures_latest_as_of_idx").on(t.latestAsOf)],
);
