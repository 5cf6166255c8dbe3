import { parseArgs } from "node:util";
import { asc, inArray, sql } from "drizzle-orm";
import type { Sql } from "postgres";
import { closeDb, getDb, getDriver } from "../../db/index";
import { runMigrations } from "../../db/migrate";
import { auditLog, milestoneTemplates, programs, provinces, regions, users } from "../../db/schema";
import { toDays } from "../../db/seed/dates";
import { DEMO_PASSWORD } from "../../db/seed/people";
import { createRng } from "../../db/seed/random";
import { MILESTONE_TEMPLATES, seedReference } from "../../db/seed/reference";
import { todayIso } from "../../lib/dates";
import { hashPassword } from "../../lib/password";
import { loadTable } from "./copy";
import { USER_COLUMNS, assignMentors, planPeople } from "./people";
import { PIPELINE, planCohorts, planCooperatives } from "./plan-country";
import { type BenchProvince, FES_MEKNES, OTHER_REGIONS } from "./regions";
import { milestoneLoad, sessionLoad } from "./rows-activity";
import {
  type TableLoad,
  assignmentLoad,
  cohortLoad,
  cooperativeLoad,
  stageChangeLoad,
} from "./rows-core";
import { awardLoad, disbursementLoad, jobsLoad, planAwards } from "./rows-funding";
import { SCALES, isScaleName } from "./scale";

const SEED = 0x42_45_4e_43;

const DOMAIN_TABLES = [
  "audit_log",
  "login_attempts",
  "import_batches",
  "attachments",
  "event_participations",
  "events",
  "jobs_snapshots",
  "disbursements",
  "funding_awards",
  "milestones",
  "mentoring_sessions",
  "mentor_assignments",
  "stage_changes",
  "cooperatives",
  "cohorts",
  "users",
];
const EXPLICIT_IDS = ["users", "cohorts", "cooperatives", "milestones", "funding_awards"];

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "demo" },
    today: { type: "string" },
    reset: { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function main() {
  if (!isScaleName(values.scale)) fail("--scale must be national or demo");
  if (!process.env.DATABASE_URL) fail("DATABASE_URL must point at a PostgreSQL database");
  const scale = SCALES[values.scale];
  const today = toDays(values.today ?? process.env.DEMO_TODAY ?? todayIso());
  const started = performance.now();

  const db = await getDb();
  const client = (db as unknown as { $client: Sql }).$client;
  await runMigrations(db, await getDriver());
  await seedReference(db);
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if ((existing?.n ?? 0) > 0) {
    if (!values.reset)
      fail("The database already has users: use a fresh one, or --reset to empty it.");
    await client.unsafe(`truncate ${DOMAIN_TABLES.join(", ")} restart identity cascade`);
  }

  const country = scale.country ? [FES_MEKNES, ...OTHER_REGIONS] : [FES_MEKNES];
  for (const region of country.slice(1)) {
    const names = (r: BenchProvince) => ({ nameAr: r.nameAr, nameFr: r.nameFr, nameEn: r.nameEn });
    await db
      .insert(regions)
      .values({ key: region.key, ...names(region) })
      .onConflictDoNothing();
    await db
      .insert(provinces)
      .values(region.provinces.map((p) => ({ key: p.key, regionKey: region.key, ...names(p) })))
      .onConflictDoNothing();
  }
  const programIds = new Map(
    (await db.select({ id: programs.id, key: programs.key }).from(programs)).map((p) => [
      p.key,
      p.id,
    ]),
  );
  const templates = (
    await db
      .select({
        id: milestoneTemplates.id,
        stage: milestoneTemplates.stage,
        dueOffsetDays: milestoneTemplates.dueOffsetDays,
      })
      .from(milestoneTemplates)
      .where(
        inArray(
          milestoneTemplates.key,
          MILESTONE_TEMPLATES.map((t) => t.key),
        ),
      )
      .orderBy(asc(milestoneTemplates.sortOrder))
  ).sort((a, b) => PIPELINE.indexOf(a.stage) - PIPELINE.indexOf(b.stage));

  const planning = performance.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const cohorts = planCohorts(createRng(SEED + 1), scale, today, country);
  const coops = planCooperatives(SEED + 2, scale, today, country, cohorts);
  const people = planPeople(SEED + 3, scale, country, passwordHash);
  assignMentors(SEED + 4, coops, people, scale.demoMentorCooperatives, today);
  const awards = planAwards(SEED + 5, coops, scale.fundingAwards, today);
  console.log(
    `Scale ${values.scale}: ${country.length} region(s), planned in ${seconds(planning)} s; loading…`,
  );

  const staff = people.staffId;
  const milestonesToLoad = milestoneLoad(
    SEED + 6,
    coops,
    templates,
    scale.milestones,
    staff,
    today,
  );
  const jobsToLoad = jobsLoad(SEED + 9, coops, scale.jobsSnapshots, staff, today);
  const loads: TableLoad[] = [
    { table: "users", columns: USER_COLUMNS, rows: () => people.rows },
    cohortLoad(cohorts, programIds),
    cooperativeLoad(SEED + 10, coops, staff),
    stageChangeLoad(SEED + 11, coops, staff),
    assignmentLoad(coops, staff),
    milestonesToLoad,
    sessionLoad(SEED + 7, coops, scale.mentoringSessions, today),
    awardLoad(awards, programIds, staff),
    disbursementLoad(SEED + 8, awards, scale.disbursements, staff, today),
    jobsToLoad,
  ];
  const report: [string, number, string][] = [];
  for (const load of loads) {
    const since = performance.now();
    const count = await loadTable(client, load);
    report.push([load.table, count, seconds(since)]);
    console.log(
      `  ${load.table.padEnd(20)} ${String(count).padStart(9)} rows  ${seconds(since).padStart(6)} s`,
    );
  }
  if (milestonesToLoad.candidates < scale.milestones)
    console.log(`  (only ${milestonesToLoad.candidates} milestones could be planned)`);
  if (jobsToLoad.candidates < scale.jobsSnapshots)
    console.log(`  (only ${jobsToLoad.candidates} jobs snapshots could be planned)`);

  for (const table of EXPLICIT_IDS)
    await client.unsafe(
      `select setval(pg_get_serial_sequence('${table}', 'id'), (select coalesce(max(id), 0) + 1 from ${table}), false)`,
    );
  await db.insert(auditLog).values({
    action: "seed",
    entity: "database",
    after: { kind: "bench", scale: values.scale, cooperatives: coops.length },
  });
  const analyzing = performance.now();
  await client.unsafe("vacuum (analyze)");
  console.log(`  vacuum (analyze)${" ".repeat(24)}${seconds(analyzing).padStart(6)} s`);
  // The loads ran as a replica (no triggers): build the impact figures' table once, in bulk,
  // after ANALYZE (without statistics its per-cooperative lookups are planned as table scans).
  const refreshing = performance.now();
  await client.unsafe("select hadina_refresh_figures(array(select id from cooperatives))");
  await client.unsafe("vacuum (analyze) cooperative_figures");
  console.log(`  cooperative_figures${" ".repeat(21)}${seconds(refreshing).padStart(6)} s`);
  const rows = report.reduce((sum, [, n]) => sum + n, 0);
  console.log(
    `Done: ${rows} rows in ${seconds(started)} s. Demo accounts: password "${DEMO_PASSWORD}".`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
