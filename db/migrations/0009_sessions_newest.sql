-- The sessions list's order (held_on desc, created_at desc, id asc), read backwards from one
-- index: on a million sessions its first page read every session of the latest day (885 in the
-- national bench, each joined to its cooperative and mentor, then sorted), 16 ms; now 20 rows,
-- 0.4 ms. It leads with held_on, so it serves the ranges the held_on index served.
DROP INDEX "mentoring_sessions_held_on_idx";--> statement-breakpoint
CREATE INDEX "mentoring_sessions_newest_idx" ON "mentoring_sessions" USING btree ("held_on","created_at","id" DESC NULLS FIRST);