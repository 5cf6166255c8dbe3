import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import {
  cohorts,
  cooperatives,
  disbursements,
  fundingAwards,
  jobsSnapshots,
  mentorAssignments,
  mentoringSessions,
  programs,
  stageChanges,
  users,
} from "@/db/schema";
import { seedReference } from "@/db/seed/reference";

/**
 * A hand-built fixture for the impact figures, read over the period 2026-01-01 … 2026-06-30:
 * A (fes, rural, incubation, cohort K1/moazara): baseline 5 (2 women, 1 youth), 10 (5, 3) on
 *   2026-06-30, 12 on 2026-09-30 (after the period); grant 40,000 (10,000 paid 2025-12-20,
 *   15,000 in the period, 5,000 planned), a bank loan of 30,000 paid, own contribution 5,000
 *   paid, a grant awarded and paid after the period; sessions of 90 and 60 min (and 120 min before).
 * B (meknes, urban, withdrawn 2026-02-15, K1): baseline 4 (2, 2), 2 (1, 1) on 2025-09-30.
 * C (fes, urban, incubation, K2/indh_p3): no baseline, one report 2026-04-15; a 45 min session.
 * D: archived, with jobs, money and sessions that must count nowhere.
 * E (taza, rural, graduated 2026-05-20, K2): baseline 2 (0, 2), 6 (3, 2) on 2026-06-30;
 *   INDH grant of 50,000 awarded 2025-06-01, 20,000 paid 2025-07-01 and 12,000.50 in the period.
 * F (fes, post_incubation, no cohort): never reported. G (fes, graduated 2025-11-01).
 * The mentor is assigned A and C (and was assigned E until 2025-12-31); mentor2 has nobody.
 */
export async function buildImpactFixture(db: Database) {
  await seedReference(db);
  const people = await db
    .insert(users)
    .values(
      ["admin", "staff", "mentor", "mentor2", "official"].map((name) => ({
        email: `${name}@impact.test`,
        name,
        role: (name === "mentor2" ? "mentor" : name) as "admin",
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, name: users.name });
  const user = Object.fromEntries(people.map((p) => [p.name, p.id])) as Record<string, number>;
  const program = async (key: string) =>
    (await db.select({ id: programs.id }).from(programs).where(eq(programs.key, key)))[0]!.id;
  const [moazara, indh, intelaka] = await Promise.all([
    program("moazara"),
    program("indh_p3"),
    program("intelaka"),
  ]);
  const [k1, k2] = await db
    .insert(cohorts)
    .values([
      { name: "K1", programId: moazara, startOn: "2025-01-01", endOn: "2026-12-31", capacity: 10 },
      { name: "K2", programId: indh, startOn: "2025-01-01", endOn: "2026-12-31", capacity: 10 },
    ])
    .returning({ id: cohorts.id });
  const coop = {
    legalForm: "cooperative" as const,
    sector: "agriculture" as const,
    area: "urban" as const,
    province: "fes",
    stage: "incubation" as const,
  };
  const rows = await db
    .insert(cooperatives)
    .values([
      { ...coop, name: "A", area: "rural", cohortId: k1!.id },
      {
        ...coop,
        name: "B",
        province: "meknes",
        sector: "handicraft",
        stage: "withdrawn",
        cohortId: k1!.id,
      },
      { ...coop, name: "C", sector: "handicraft", cohortId: k2!.id },
      { ...coop, name: "D", cohortId: k1!.id, archivedAt: new Date("2026-06-01T00:00:00Z") },
      { ...coop, name: "E", province: "taza", area: "rural", stage: "graduated", cohortId: k2!.id },
      { ...coop, name: "F", stage: "post_incubation" },
      { ...coop, name: "G", stage: "graduated" },
    ])
    .returning({ id: cooperatives.id, name: cooperatives.name });
  const id = Object.fromEntries(rows.map((r) => [r.name, r.id])) as Record<string, number>;

  const snap = (
    name: string,
    asOf: string,
    total: number,
    women: number,
    youth: number,
    kind: "baseline" | "periodic" = "periodic",
  ) => ({
    cooperativeId: id[name]!,
    asOf,
    kind,
    jobsTotal: total,
    jobsWomen: women,
    jobsYouth: youth,
    source: "test",
  });
  await db
    .insert(jobsSnapshots)
    .values([
      snap("A", "2025-01-10", 5, 2, 1, "baseline"),
      snap("A", "2026-06-30", 10, 5, 3),
      snap("A", "2026-09-30", 12, 6, 3),
      snap("B", "2025-02-01", 4, 2, 2, "baseline"),
      snap("B", "2025-09-30", 2, 1, 1),
      snap("C", "2026-04-15", 3, 1, 1),
      snap("D", "2025-01-01", 10, 5, 5, "baseline"),
      snap("D", "2026-03-31", 20, 10, 10),
      snap("E", "2025-03-01", 2, 0, 2, "baseline"),
      snap("E", "2026-06-30", 6, 3, 2),
    ]);

  const award = async (
    values: Omit<typeof fundingAwards.$inferInsert, "amountMad"> & { amountMad: string },
  ) => (await db.insert(fundingAwards).values(values).returning({ id: fundingAwards.id }))[0]!.id;
  const a1 = await award({
    cooperativeId: id.A!,
    programId: moazara,
    source: "region_council",
    kind: "grant",
    amountMad: "40000",
    awardedOn: "2026-01-15",
    status: "disbursing",
  });
  const a2 = await award({
    cooperativeId: id.A!,
    programId: intelaka,
    source: "bank_loan",
    kind: "loan",
    amountMad: "30000",
    awardedOn: "2026-03-01",
    status: "completed",
  });
  const a3 = await award({
    cooperativeId: id.A!,
    source: "own_contribution",
    kind: "grant",
    amountMad: "5000",
    awardedOn: "2026-02-01",
    status: "completed",
  });
  const a4 = await award({
    cooperativeId: id.E!,
    programId: indh,
    source: "indh",
    kind: "grant",
    amountMad: "50000",
    awardedOn: "2025-06-01",
    status: "disbursing",
  });
  await award({
    cooperativeId: id.B!,
    programId: moazara,
    source: "region_council",
    kind: "prize",
    amountMad: "8000",
    awardedOn: "2026-02-01",
    status: "requested",
  });
  const a6 = await award({
    cooperativeId: id.D!,
    programId: moazara,
    source: "region_council",
    kind: "grant",
    amountMad: "100000",
    awardedOn: "2026-01-10",
    status: "completed",
  });
  await award({
    cooperativeId: id.C!,
    source: "region_council",
    kind: "in_kind",
    amountMad: "6000",
    awardedOn: "2026-03-01",
    status: "rejected",
  });
  const a8 = await award({
    cooperativeId: id.A!,
    programId: moazara,
    source: "region_council",
    kind: "grant",
    amountMad: "9000",
    awardedOn: "2026-07-05",
    status: "completed",
  });
  const paid = (awardId: number, disbursedOn: string, amountMad: string) => ({
    awardId,
    disbursedOn,
    amountMad,
    status: "disbursed" as const,
  });
  await db
    .insert(disbursements)
    .values([
      paid(a1, "2025-12-20", "10000"),
      paid(a1, "2026-02-10", "15000"),
      { awardId: a1, amountMad: "5000", status: "planned", disbursedOn: null },
      paid(a2, "2026-03-05", "30000"),
      paid(a3, "2026-02-01", "5000"),
      paid(a4, "2025-07-01", "20000"),
      paid(a4, "2026-04-10", "12000.50"),
      paid(a6, "2026-01-20", "100000"),
      paid(a8, "2026-07-06", "9000"),
    ]);

  const session = (name: string, heldOn: string, durationMinutes: number) => ({
    cooperativeId: id[name]!,
    mentorId: user.mentor!,
    heldOn,
    durationMinutes,
    mode: "in_person" as const,
  });
  await db
    .insert(mentoringSessions)
    .values([
      session("A", "2025-12-01", 120),
      session("A", "2026-02-01", 90),
      session("A", "2026-05-10", 60),
      session("C", "2026-06-30", 45),
      session("D", "2026-03-01", 600),
      session("E", "2026-07-01", 30),
    ]);
  const change = (
    name: string,
    fromStage: "incubation" | "post_incubation",
    toStage: "graduated" | "withdrawn" | "post_incubation",
    changedOn: string,
  ) => ({
    cooperativeId: id[name]!,
    fromStage,
    toStage,
    changedOn,
  });
  await db
    .insert(stageChanges)
    .values([
      change("B", "incubation", "withdrawn", "2026-02-15"),
      change("E", "incubation", "post_incubation", "2026-01-10"),
      change("E", "post_incubation", "graduated", "2026-05-20"),
      change("G", "post_incubation", "graduated", "2025-11-01"),
    ]);
  await db.insert(mentorAssignments).values([
    { mentorId: user.mentor!, cooperativeId: id.A!, startOn: "2025-01-01" },
    { mentorId: user.mentor!, cooperativeId: id.C!, startOn: "2025-01-01" },
    { mentorId: user.mentor!, cooperativeId: id.E!, startOn: "2025-01-01", endOn: "2025-12-31" },
  ]);
  return { user, id, cohort: { K1: k1!.id, K2: k2!.id } };
}
