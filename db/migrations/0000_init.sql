CREATE TYPE "public"."area" AS ENUM('urban', 'rural');--> statement-breakpoint
CREATE TYPE "public"."award_status" AS ENUM('requested', 'approved', 'disbursing', 'completed', 'rejected', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."cohort_status" AS ENUM('planned', 'active', 'closed');--> statement-breakpoint
CREATE TYPE "public"."event_kind" AS ENUM('regional_fair', 'creative_fair', 'itinerant_market', 'exhibition', 'other');--> statement-breakpoint
CREATE TYPE "public"."funding_kind" AS ENUM('grant', 'loan', 'honour_loan', 'in_kind', 'prize');--> statement-breakpoint
CREATE TYPE "public"."funding_source" AS ENUM('region_council', 'ministry_ess', 'odco', 'indh', 'ads', 'entraide_nationale', 'fm5', 'ocp_foundation', 'bank_loan', 'honour_loan', 'microfinance', 'international', 'private_sponsor', 'own_contribution');--> statement-breakpoint
CREATE TYPE "public"."legal_form" AS ENUM('cooperative', 'cooperative_union', 'association', 'association_network', 'social_enterprise', 'auto_entrepreneur');--> statement-breakpoint
CREATE TYPE "public"."milestone_status" AS ENUM('todo', 'in_progress', 'blocked', 'reported', 'done', 'waived');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'staff', 'mentor', 'official');--> statement-breakpoint
CREATE TYPE "public"."sector" AS ENUM('agriculture', 'handicraft', 'food_products', 'aromatic_medicinal_plants', 'argan', 'forestry', 'tourism', 'housing', 'waste_recycling', 'services_digital', 'transport', 'literacy', 'other');--> statement-breakpoint
CREATE TYPE "public"."session_mode" AS ENUM('in_person', 'field_visit', 'remote', 'phone');--> statement-breakpoint
CREATE TYPE "public"."session_topic" AS ENUM('governance', 'accounting', 'marketing', 'production', 'quality', 'funding', 'legal', 'digital', 'other');--> statement-breakpoint
CREATE TYPE "public"."snapshot_kind" AS ENUM('baseline', 'periodic');--> statement-breakpoint
CREATE TYPE "public"."stage" AS ENUM('applicant', 'selected', 'pre_incubation', 'incubation', 'post_incubation', 'graduated', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."tranche_status" AS ENUM('planned', 'disbursed');--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"milestone_id" integer,
	"session_id" uuid,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_one_owner" CHECK (("attachments"."milestone_id" is null) <> ("attachments"."session_id" is null)),
	CONSTRAINT "attachments_size_range" CHECK ("attachments"."size_bytes" > 0 and "attachments"."size_bytes" <= 5242880),
	CONSTRAINT "attachments_content_type" CHECK ("attachments"."content_type" in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf'))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "cohorts" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"program_id" integer NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"capacity" integer NOT NULL,
	"status" "cohort_status" DEFAULT 'planned' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohorts_dates" CHECK ("cohorts"."end_on" >= "cohorts"."start_on"),
	CONSTRAINT "cohorts_capacity_positive" CHECK ("cohorts"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "cooperatives" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_latin" text,
	"legal_form" "legal_form" NOT NULL,
	"sector" "sector" NOT NULL,
	"province" text NOT NULL,
	"commune" text,
	"area" "area" NOT NULL,
	"registration_number" text,
	"registered_on" date,
	"court" text,
	"founded_on" date,
	"women_coop" boolean DEFAULT false NOT NULL,
	"members_total" integer DEFAULT 0 NOT NULL,
	"members_women" integer DEFAULT 0 NOT NULL,
	"members_youth" integer DEFAULT 0 NOT NULL,
	"share_capital_mad" numeric(14, 2),
	"stage" "stage" DEFAULT 'applicant' NOT NULL,
	"cohort_id" integer,
	"contact_name" text,
	"phone" text,
	"email" text,
	"address" text,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cooperatives_members_nonnegative" CHECK ("cooperatives"."members_total" >= 0),
	CONSTRAINT "cooperatives_members_women_le_total" CHECK ("cooperatives"."members_women" >= 0 and "cooperatives"."members_women" <= "cooperatives"."members_total"),
	CONSTRAINT "cooperatives_members_youth_le_total" CHECK ("cooperatives"."members_youth" >= 0 and "cooperatives"."members_youth" <= "cooperatives"."members_total"),
	CONSTRAINT "cooperatives_share_capital_nonnegative" CHECK ("cooperatives"."share_capital_mad" is null or "cooperatives"."share_capital_mad" >= 0),
	CONSTRAINT "cooperatives_phone_format" CHECK ("cooperatives"."phone" is null or "cooperatives"."phone" ~ '^0[5-7][0-9]{8}$'),
	CONSTRAINT "cooperatives_version_positive" CHECK ("cooperatives"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "disbursements" (
	"id" serial PRIMARY KEY NOT NULL,
	"award_id" integer NOT NULL,
	"status" "tranche_status" DEFAULT 'disbursed' NOT NULL,
	"disbursed_on" date,
	"amount_mad" numeric(14, 2) NOT NULL,
	"reference" text,
	"release_milestone_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disbursements_amount_positive" CHECK ("disbursements"."amount_mad" > 0),
	CONSTRAINT "disbursements_date_when_disbursed" CHECK (("disbursements"."status" = 'disbursed') = ("disbursements"."disbursed_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "event_participations" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"cooperative_id" integer NOT NULL,
	"sales_mad" numeric(14, 2),
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_participations_sales_nonnegative" CHECK ("event_participations"."sales_mad" is null or "event_participations"."sales_mad" >= 0)
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" "event_kind" NOT NULL,
	"province" text,
	"location" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_dates" CHECK ("events"."ends_on" >= "events"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "funding_awards" (
	"id" serial PRIMARY KEY NOT NULL,
	"cooperative_id" integer NOT NULL,
	"program_id" integer,
	"source" "funding_source" NOT NULL,
	"kind" "funding_kind" NOT NULL,
	"amount_mad" numeric(14, 2) NOT NULL,
	"co_financing_mad" numeric(14, 2) DEFAULT '0' NOT NULL,
	"awarded_on" date NOT NULL,
	"status" "award_status" DEFAULT 'requested' NOT NULL,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_awards_amount_positive" CHECK ("funding_awards"."amount_mad" > 0),
	CONSTRAINT "funding_awards_co_financing_nonnegative" CHECK ("funding_awards"."co_financing_mad" >= 0)
);
--> statement-breakpoint
CREATE TABLE "jobs_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"cooperative_id" integer NOT NULL,
	"kind" "snapshot_kind" DEFAULT 'periodic' NOT NULL,
	"as_of" date NOT NULL,
	"jobs_total" integer NOT NULL,
	"jobs_women" integer NOT NULL,
	"jobs_youth" integer NOT NULL,
	"seasonal_jobs" integer DEFAULT 0 NOT NULL,
	"source" text NOT NULL,
	"notes" text,
	"submitted_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_snapshots_total_nonnegative" CHECK ("jobs_snapshots"."jobs_total" >= 0),
	CONSTRAINT "jobs_snapshots_women_le_total" CHECK ("jobs_snapshots"."jobs_women" >= 0 and "jobs_snapshots"."jobs_women" <= "jobs_snapshots"."jobs_total"),
	CONSTRAINT "jobs_snapshots_youth_le_total" CHECK ("jobs_snapshots"."jobs_youth" >= 0 and "jobs_snapshots"."jobs_youth" <= "jobs_snapshots"."jobs_total"),
	CONSTRAINT "jobs_snapshots_seasonal_nonnegative" CHECK ("jobs_snapshots"."seasonal_jobs" >= 0)
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text,
	"success" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"mentor_id" integer NOT NULL,
	"cooperative_id" integer NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentor_assignments_dates" CHECK ("mentor_assignments"."end_on" is null or "mentor_assignments"."end_on" >= "mentor_assignments"."start_on")
);
--> statement-breakpoint
CREATE TABLE "mentoring_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" integer NOT NULL,
	"mentor_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"duration_minutes" integer NOT NULL,
	"mode" "session_mode" NOT NULL,
	"topics" "session_topic"[] DEFAULT '{}' NOT NULL,
	"attendees" integer DEFAULT 1 NOT NULL,
	"notes" text,
	"next_steps" text,
	"follow_up_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentoring_sessions_duration_range" CHECK ("mentoring_sessions"."duration_minutes" between 1 and 720),
	CONSTRAINT "mentoring_sessions_attendees_nonnegative" CHECK ("mentoring_sessions"."attendees" >= 0)
);
--> statement-breakpoint
CREATE TABLE "milestone_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"program_id" integer,
	"stage" "stage" NOT NULL,
	"sort_order" integer NOT NULL,
	"due_offset_days" integer NOT NULL,
	"label_ar" text NOT NULL,
	"label_fr" text NOT NULL,
	"label_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestone_templates_offset_nonnegative" CHECK ("milestone_templates"."due_offset_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"cooperative_id" integer NOT NULL,
	"template_id" integer,
	"title" text,
	"stage" "stage" NOT NULL,
	"status" "milestone_status" DEFAULT 'todo' NOT NULL,
	"due_on" date,
	"completed_on" date,
	"evidence_text" text,
	"evidence_url" text,
	"comment" text,
	"reported_by" integer,
	"reported_at" timestamp with time zone,
	"verified_by" integer,
	"verified_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestones_title_or_template" CHECK ("milestones"."template_id" is not null or ("milestones"."title" is not null and length("milestones"."title") > 0)),
	CONSTRAINT "milestones_done_has_date" CHECK ("milestones"."status" <> 'done' or "milestones"."completed_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name_ar" text NOT NULL,
	"name_fr" text NOT NULL,
	"name_en" text NOT NULL,
	"description" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_key_format" CHECK ("programs"."key" ~ '^[a-z][a-z0-9_]*$')
);
--> statement-breakpoint
CREATE TABLE "provinces" (
	"key" text PRIMARY KEY NOT NULL,
	"region_key" text NOT NULL,
	"name_ar" text NOT NULL,
	"name_fr" text NOT NULL,
	"name_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"key" text PRIMARY KEY NOT NULL,
	"name_ar" text NOT NULL,
	"name_fr" text NOT NULL,
	"name_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"cooperative_id" integer NOT NULL,
	"from_stage" "stage",
	"to_stage" "stage" NOT NULL,
	"changed_on" date NOT NULL,
	"changed_by" integer,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" NOT NULL,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"locale" text,
	"phone" text,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_lower" CHECK ("users"."email" = lower("users"."email")),
	CONSTRAINT "users_locale_known" CHECK ("users"."locale" is null or "users"."locale" in ('ar', 'fr', 'en'))
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_session_id_mentoring_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mentoring_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD CONSTRAINT "cooperatives_province_provinces_key_fk" FOREIGN KEY ("province") REFERENCES "public"."provinces"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD CONSTRAINT "cooperatives_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD CONSTRAINT "cooperatives_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_award_id_funding_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."funding_awards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_release_milestone_id_milestones_id_fk" FOREIGN KEY ("release_milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participations" ADD CONSTRAINT "event_participations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participations" ADD CONSTRAINT "event_participations_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_province_provinces_key_fk" FOREIGN KEY ("province") REFERENCES "public"."provinces"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_awards" ADD CONSTRAINT "funding_awards_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_awards" ADD CONSTRAINT "funding_awards_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_awards" ADD CONSTRAINT "funding_awards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs_snapshots" ADD CONSTRAINT "jobs_snapshots_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs_snapshots" ADD CONSTRAINT "jobs_snapshots_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_sessions" ADD CONSTRAINT "mentoring_sessions_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_sessions" ADD CONSTRAINT "mentoring_sessions_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_templates" ADD CONSTRAINT "milestone_templates_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_template_id_milestone_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."milestone_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provinces" ADD CONSTRAINT "provinces_region_key_regions_key_fk" FOREIGN KEY ("region_key") REFERENCES "public"."regions"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_changes" ADD CONSTRAINT "stage_changes_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_changes" ADD CONSTRAINT "stage_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_milestone_idx" ON "attachments" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "attachments_session_idx" ON "attachments" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "attachments_uploaded_by_idx" ON "attachments" USING btree ("uploaded_by");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "cohorts_program_idx" ON "cohorts" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "cohorts_status_idx" ON "cohorts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "cooperatives_province_idx" ON "cooperatives" USING btree ("province");--> statement-breakpoint
CREATE INDEX "cooperatives_sector_idx" ON "cooperatives" USING btree ("sector");--> statement-breakpoint
CREATE INDEX "cooperatives_stage_idx" ON "cooperatives" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "cooperatives_cohort_idx" ON "cooperatives" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "cooperatives_legal_form_idx" ON "cooperatives" USING btree ("legal_form");--> statement-breakpoint
CREATE INDEX "cooperatives_area_idx" ON "cooperatives" USING btree ("area");--> statement-breakpoint
CREATE INDEX "cooperatives_created_by_idx" ON "cooperatives" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "cooperatives_live_name_idx" ON "cooperatives" USING btree ("name","id") WHERE "cooperatives"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "disbursements_award_idx" ON "disbursements" USING btree ("award_id");--> statement-breakpoint
CREATE INDEX "disbursements_disbursed_on_idx" ON "disbursements" USING btree ("disbursed_on");--> statement-breakpoint
CREATE INDEX "disbursements_release_milestone_idx" ON "disbursements" USING btree ("release_milestone_id");--> statement-breakpoint
CREATE INDEX "disbursements_created_by_idx" ON "disbursements" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "event_participations_event_cooperative_key" ON "event_participations" USING btree ("event_id","cooperative_id");--> statement-breakpoint
CREATE INDEX "event_participations_cooperative_idx" ON "event_participations" USING btree ("cooperative_id");--> statement-breakpoint
CREATE INDEX "events_province_idx" ON "events" USING btree ("province");--> statement-breakpoint
CREATE INDEX "events_starts_on_idx" ON "events" USING btree ("starts_on");--> statement-breakpoint
CREATE INDEX "funding_awards_cooperative_idx" ON "funding_awards" USING btree ("cooperative_id");--> statement-breakpoint
CREATE INDEX "funding_awards_program_idx" ON "funding_awards" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "funding_awards_status_awarded_idx" ON "funding_awards" USING btree ("status","awarded_on");--> statement-breakpoint
CREATE INDEX "funding_awards_source_idx" ON "funding_awards" USING btree ("source");--> statement-breakpoint
CREATE INDEX "funding_awards_created_by_idx" ON "funding_awards" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_snapshots_one_baseline" ON "jobs_snapshots" USING btree ("cooperative_id") WHERE "jobs_snapshots"."kind" = 'baseline';--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_snapshots_cooperative_as_of_key" ON "jobs_snapshots" USING btree ("cooperative_id","as_of");--> statement-breakpoint
CREATE INDEX "jobs_snapshots_as_of_idx" ON "jobs_snapshots" USING btree ("as_of");--> statement-breakpoint
CREATE INDEX "jobs_snapshots_submitted_by_idx" ON "jobs_snapshots" USING btree ("submitted_by");--> statement-breakpoint
CREATE INDEX "login_attempts_email_at_idx" ON "login_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_at_idx" ON "login_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "mentor_assignments_mentor_idx" ON "mentor_assignments" USING btree ("mentor_id","cooperative_id");--> statement-breakpoint
CREATE INDEX "mentor_assignments_cooperative_idx" ON "mentor_assignments" USING btree ("cooperative_id");--> statement-breakpoint
CREATE INDEX "mentor_assignments_created_by_idx" ON "mentor_assignments" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "mentoring_sessions_cooperative_idx" ON "mentoring_sessions" USING btree ("cooperative_id","held_on");--> statement-breakpoint
CREATE INDEX "mentoring_sessions_mentor_idx" ON "mentoring_sessions" USING btree ("mentor_id","held_on");--> statement-breakpoint
CREATE INDEX "mentoring_sessions_held_on_idx" ON "mentoring_sessions" USING btree ("held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "milestone_templates_key_key" ON "milestone_templates" USING btree ("key");--> statement-breakpoint
CREATE INDEX "milestone_templates_program_idx" ON "milestone_templates" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "milestone_templates_stage_idx" ON "milestone_templates" USING btree ("stage","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "milestones_cooperative_template_key" ON "milestones" USING btree ("cooperative_id","template_id");--> statement-breakpoint
CREATE INDEX "milestones_template_idx" ON "milestones" USING btree ("template_id");--> statement-breakpoint
CREATE INDEX "milestones_status_due_idx" ON "milestones" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "milestones_reported_by_idx" ON "milestones" USING btree ("reported_by");--> statement-breakpoint
CREATE INDEX "milestones_verified_by_idx" ON "milestones" USING btree ("verified_by");--> statement-breakpoint
CREATE UNIQUE INDEX "programs_key_key" ON "programs" USING btree ("key");--> statement-breakpoint
CREATE INDEX "provinces_region_idx" ON "provinces" USING btree ("region_key");--> statement-breakpoint
CREATE INDEX "stage_changes_cooperative_idx" ON "stage_changes" USING btree ("cooperative_id","changed_on");--> statement-breakpoint
CREATE INDEX "stage_changes_to_stage_idx" ON "stage_changes" USING btree ("to_stage","changed_on");--> statement-breakpoint
CREATE INDEX "stage_changes_changed_by_idx" ON "stage_changes" USING btree ("changed_by");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role");