CREATE TABLE "cooperative_figures" (
	"cooperative_id" integer PRIMARY KEY NOT NULL,
	"base_as_of" date,
	"base_total" integer,
	"base_women" integer,
	"base_youth" integer,
	"latest_as_of" date,
	"latest_total" integer,
	"latest_women" integer,
	"latest_youth" integer,
	"disbursed_mad" numeric(14, 2) DEFAULT '0' NOT NULL,
	"support_mad" numeric(14, 2) DEFAULT '0' NOT NULL,
	"last_disbursed_on" date,
	"committed_mad" numeric(14, 2) DEFAULT '0' NOT NULL,
	"last_committed_on" date,
	"session_minutes" bigint DEFAULT 0 NOT NULL,
	"last_held_on" date,
	"exit_stage" "stage",
	"exit_on" date
);
--> statement-breakpoint
ALTER TABLE "cooperative_figures" ADD CONSTRAINT "cooperative_figures_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cooperative_figures_latest_as_of_idx" ON "cooperative_figures" USING btree ("latest_as_of");--> statement-breakpoint
CREATE OR REPLACE FUNCTION hadina_refresh_figures(ids integer[]) RETURNS void
LANGUAGE plpgsql VOLATILE
AS $$
BEGIN
  -- Two transactions writing for one cooperative: the second waits here for the first to end,
  -- and its next statement (a new snapshot under READ COMMITTED) then sees both writes.
  PERFORM 1 FROM cooperatives WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  INSERT INTO cooperative_figures AS f (
    cooperative_id, base_as_of, base_total, base_women, base_youth,
    latest_as_of, latest_total, latest_women, latest_youth,
    disbursed_mad, support_mad, last_disbursed_on, committed_mad, last_committed_on,
    session_minutes, last_held_on, exit_stage, exit_on
  )
  SELECT c.id, b.as_of, b.jobs_total, b.jobs_women, b.jobs_youth,
    l.as_of, l.jobs_total, l.jobs_women, l.jobs_youth,
    coalesce(d.disbursed, 0), coalesce(d.support, 0), d.last_on,
    coalesce(a.committed, 0), a.last_on,
    coalesce(s.minutes, 0), s.last_on, x.to_stage, x.changed_on
  FROM cooperatives c
  LEFT JOIN jobs_snapshots b ON b.cooperative_id = c.id AND b.kind = 'baseline'
  LEFT JOIN LATERAL (
    SELECT j.as_of, j.jobs_total, j.jobs_women, j.jobs_youth FROM jobs_snapshots j
    WHERE j.cooperative_id = c.id ORDER BY j.as_of DESC, j.id DESC LIMIT 1
  ) l ON true
  LEFT JOIN LATERAL (
    SELECT sum(t.amount_mad) AS disbursed,
      coalesce(sum(t.amount_mad) FILTER (
        WHERE w.kind IN ('grant', 'prize', 'in_kind') AND w.source <> 'own_contribution'
      ), 0) AS support,
      max(t.disbursed_on) AS last_on
    FROM disbursements t JOIN funding_awards w ON w.id = t.award_id
    WHERE w.cooperative_id = c.id AND t.status = 'disbursed'
  ) d ON true
  LEFT JOIN LATERAL (
    SELECT sum(w.amount_mad) AS committed, max(w.awarded_on) AS last_on
    FROM funding_awards w
    WHERE w.cooperative_id = c.id AND w.status IN ('approved', 'disbursing', 'completed')
  ) a ON true
  LEFT JOIN LATERAL (
    SELECT sum(m.duration_minutes) AS minutes, max(m.held_on) AS last_on
    FROM mentoring_sessions m WHERE m.cooperative_id = c.id
  ) s ON true
  LEFT JOIN LATERAL (
    SELECT g.to_stage, g.changed_on FROM stage_changes g
    WHERE g.cooperative_id = c.id AND g.to_stage IN ('graduated', 'withdrawn')
    ORDER BY g.changed_on DESC, g.id DESC LIMIT 1
  ) x ON true
  WHERE c.id = ANY(ids)
  ON CONFLICT (cooperative_id) DO UPDATE SET
    base_as_of = excluded.base_as_of, base_total = excluded.base_total,
    base_women = excluded.base_women, base_youth = excluded.base_youth,
    latest_as_of = excluded.latest_as_of, latest_total = excluded.latest_total,
    latest_women = excluded.latest_women, latest_youth = excluded.latest_youth,
    disbursed_mad = excluded.disbursed_mad, support_mad = excluded.support_mad,
    last_disbursed_on = excluded.last_disbursed_on, committed_mad = excluded.committed_mad,
    last_committed_on = excluded.last_committed_on, session_minutes = excluded.session_minutes,
    last_held_on = excluded.last_held_on, exit_stage = excluded.exit_stage,
    exit_on = excluded.exit_on;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hadina_figures_by_cooperative() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM hadina_refresh_figures(ARRAY(SELECT DISTINCT cooperative_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM hadina_refresh_figures(ARRAY(SELECT DISTINCT cooperative_id FROM old_rows));
  ELSE
    PERFORM hadina_refresh_figures(ARRAY(
      SELECT cooperative_id FROM new_rows UNION SELECT cooperative_id FROM old_rows
    ));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hadina_figures_by_award() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM hadina_refresh_figures(ARRAY(
      SELECT DISTINCT w.cooperative_id FROM new_rows r JOIN funding_awards w ON w.id = r.award_id
    ));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM hadina_refresh_figures(ARRAY(
      SELECT DISTINCT w.cooperative_id FROM old_rows r JOIN funding_awards w ON w.id = r.award_id
    ));
  ELSE
    PERFORM hadina_refresh_figures(ARRAY(
      SELECT w.cooperative_id FROM new_rows r JOIN funding_awards w ON w.id = r.award_id
      UNION
      SELECT w.cooperative_id FROM old_rows r JOIN funding_awards w ON w.id = r.award_id
    ));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER jobs_snapshots_figures_insert AFTER INSERT ON jobs_snapshots REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_cooperative();--> statement-breakpoint
CREATE TRIGGER jobs_snapshots_figures_update AFTER UPDATE ON jobs_snapshots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_cooperative();--> statement-breakpoint
CREATE TRIGGER jobs_snapshots_figures_delete AFTER DELETE ON jobs_snapshots REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_cooperative();--> statement-breakpoint
CREATE TRIGGER funding_awards_figures_insert AFTER INSERT ON funding_awards REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_cooperative();--> statement-breakpoint
CREATE TRIGGER funding_awards_figures_update AFTER UPDATE ON funding_awards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_cooperative();--> statement-breakpoint
CREATE TRIGGER funding_awards_figures_delete AFTER DELETE ON funding_awards REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_cooperative();--> statement-breakpoint
CREATE TRIGGER mentoring_sessions_figures_insert AFTER INSERT ON mentoring_sessions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_cooperative();--> statement-breakpoint
CREATE TRIGGER mentoring_sessions_figures_update AFTER UPDATE ON mentoring_sessions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_cooperative();--> statement-breakpoint
CREATE TRIGGER mentoring_sessions_figures_delete AFTER DELETE ON mentoring_sessions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_cooperative();--> statement-breakpoint
CREATE TRIGGER stage_changes_figures_insert AFTER INSERT ON stage_changes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_cooperative();--> statement-breakpoint
CREATE TRIGGER stage_changes_figures_update AFTER UPDATE ON stage_changes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_cooperative();--> statement-breakpoint
CREATE TRIGGER stage_changes_figures_delete AFTER DELETE ON stage_changes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_cooperative();--> statement-breakpoint
CREATE TRIGGER disbursements_figures_insert AFTER INSERT ON disbursements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_award();--> statement-breakpoint
CREATE TRIGGER disbursements_figures_update AFTER UPDATE ON disbursements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_award();--> statement-breakpoint
CREATE TRIGGER disbursements_figures_delete AFTER DELETE ON disbursements REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hadina_figures_by_award();--> statement-breakpoint
SELECT hadina_refresh_figures(ARRAY(SELECT id FROM cooperatives));
