-- The dashboard's figures, kept once computed until the data they were computed from changes.
-- Its own schema: derived state that backups skip (they copy public) and a restore empties.
CREATE SCHEMA IF NOT EXISTS "figure_cache";
--> statement-breakpoint
-- Counters bumped by every statement that writes data a figure reads. A transaction bumps one
-- shard (chosen by its transaction id), so concurrent writers rarely wait on each other; the
-- counters only grow, so two snapshots with the same sum saw the same committed writes.
CREATE TABLE "figure_cache"."data_versions" (
	"shard" smallint PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "figure_cache"."data_versions" ("shard") SELECT g FROM generate_series(0, 15) AS g;
--> statement-breakpoint
CREATE TABLE "figure_cache"."entries" (
	"name" text NOT NULL,
	"key" text NOT NULL,
	"version" bigint NOT NULL,
	"payload" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	PRIMARY KEY ("name", "key")
);
--> statement-breakpoint
CREATE INDEX "entries_computed_at_idx" ON "figure_cache"."entries" ("computed_at");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION figure_cache.bump() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE figure_cache.data_versions SET version = version + 1
  WHERE shard = (txid_current() % 16)::smallint;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'cooperatives', 'cooperative_figures', 'cohorts', 'programs', 'provinces',
    'jobs_snapshots', 'funding_awards', 'disbursements', 'mentoring_sessions',
    'stage_changes', 'milestones', 'milestone_templates', 'mentor_assignments', 'regions'
  ] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.%I '
      'FOR EACH STATEMENT EXECUTE FUNCTION figure_cache.bump()',
      t || '_figure_cache', t
    );
  END LOOP;
END
$$;
