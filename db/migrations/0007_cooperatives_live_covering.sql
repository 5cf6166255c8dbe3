-- The impact figures filter every live cooperative by these columns (db/queries/metrics.ts
-- cooperativeFilter) and join each to its cooperative_figures row: an index-only scan of this
-- narrow index reads about a seventh of the pages of the whole table (65,000 cooperatives:
-- 488 pages instead of 3,674). drizzle-kit cannot express INCLUDE, hence a custom migration.
CREATE INDEX IF NOT EXISTS "cooperatives_live_figures_idx" ON "cooperatives" USING btree ("id") INCLUDE ("province", "sector", "legal_form", "area", "cohort_id", "women_coop", "stage") WHERE "archived_at" IS NULL;
