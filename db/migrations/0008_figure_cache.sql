-- The dashboard's figures, kept once computed until the data they were computed from changes.
-- Its own schema: derived state that backups skip (they copy public) and a restore empties.
CREATE SCHEMA IF NOT EXISTS "figure_cache";
--> statement-breakpoint
-- Counters bumped once by every transaction that changes data a figure reads. It bumps one shard
-- (chosen by its transaction id), so concurrent writers rarely wait on each other; the counters
-- only grow, so two snapshots with the same sum saw the same committed writes.
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
-- A transaction that changes a row of a table figures read bumps its shard once, at its commit:
-- the statement triggers below (with transition tables: a no-op UPDATE or DELETE, matching no row
-- or writing the same values, changes nothing) note the transaction in `pending`, whose deferred
-- constraint trigger bumps the counter when the transaction commits. The shard's row lock is
-- then the last lock the transaction takes, so it can never be part of a deadlock.
CREATE TABLE "figure_cache"."pending" (
	"txid" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION figure_cache.note_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF current_setting('figure_cache.noted', true) = txid_current()::text THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (SELECT * FROM new_rows EXCEPT ALL SELECT * FROM old_rows) THEN RETURN NULL; END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
  END IF;
  PERFORM set_config('figure_cache.noted', txid_current()::text, true);
  INSERT INTO figure_cache.pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION figure_cache.bump() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE figure_cache.data_versions SET version = version + 1
  WHERE shard = (txid_current() % 16)::smallint;
  DELETE FROM figure_cache.pending WHERE txid = txid_current();
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "pending_bump" AFTER INSERT ON "figure_cache"."pending"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_cache.bump();
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'cooperatives', 'cooperative_figures', 'cohorts', 'programs', 'provinces', 'regions',
    'jobs_snapshots', 'funding_awards', 'disbursements', 'mentoring_sessions',
    'stage_changes', 'milestones', 'milestone_templates', 'mentor_assignments'
  ] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON public.%I REFERENCING NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION figure_cache.note_change()', t || '_figure_cache_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON public.%I '
      'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION figure_cache.note_change()', t || '_figure_cache_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON public.%I REFERENCING OLD TABLE AS old_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION figure_cache.note_change()', t || '_figure_cache_delete', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON public.%I '
      'FOR EACH STATEMENT EXECUTE FUNCTION figure_cache.note_change()', t || '_figure_cache_truncate', t);
  END LOOP;
END
$$;
