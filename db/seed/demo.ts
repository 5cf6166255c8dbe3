import { asc, inArray, sql } from "drizzle-orm";
import { hashPassword } from "../../lib/password";
import { type Database, type Executor, rowsOf } from "../index";
import {
  auditLog,
  cohorts,
  cooperatives,
  disbursements,
  eventParticipations,
  events,
  fundingAwards,
  jobsSnapshots,
  mentorAssignments,
  mentoringSessions,
  milestones,
  milestoneTemplates,
  programs,
  stageChanges,
  users,
} from "../schema";
import { addDays, timestampOn, toDays } from "./dates";
import { assignIds, inChunks, insertAll } from "./insert";
import { formatMad, parseMad } from "./money";
import { DEMO_PASSWORD, type People, USER_SEEDS } from "./people";
import { planCohorts, STAGE_REASONS, WITHDRAWAL_REASONS } from "./plan-cohorts";
import { planCooperatives } from "./plan-cooperatives";
import { planEvents } from "./plan-events";
import { planFunding, supportByCooperative } from "./plan-funding";
import { planJobs } from "./plan-jobs";
import { planMilestones } from "./plan-milestones";
import { planAssignments, planSessions } from "./plan-sessions";
import { createRng } from "./random";
import { MILESTONE_TEMPLATES, seedReference } from "./reference";

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./people";

export type DemoSummary = {
  today: string;
  counts: {
    users: number;
    cohorts: number;
    cooperatives: number;
    stageChanges: number;
    mentorAssignments: number;
    mentoringSessions: number;
    milestones: number;
    fundingAwards: number;
    disbursements: number;
    jobsSnapshots: number;
    events: number;
    eventParticipations: number;
    auditLog: number;
  };
  supportDisbursedMad: string;
  jobsCreated: number;
  costPerJobMad: number | null;
};

const SEED = 0x48_41_44_4e;

async function costPerJob(tx: Executor, today: string) {
  const result = await tx.execute(sql`
    select
      (select coalesce(sum(d.amount_mad), 0)
         from disbursements d
         join funding_awards a on a.id = d.award_id
         join cooperatives c on c.id = a.cooperative_id
        where c.archived_at is null
          and d.status = 'disbursed' and d.disbursed_on <= ${today}::date
          and a.kind in ('grant', 'prize', 'in_kind') and a.source <> 'own_contribution')::text as support,
      (select coalesce(sum(latest.jobs_total - b.jobs_total), 0)
         from jobs_snapshots b
         join cooperatives c on c.id = b.cooperative_id and c.archived_at is null
         join lateral (
           select s.jobs_total from jobs_snapshots s
            where s.cooperative_id = b.cooperative_id and s.as_of <= ${today}::date
            order by s.as_of desc limit 1
         ) latest on true
        where b.kind = 'baseline' and b.as_of <= ${today}::date)::int as jobs
  `);
  const [row] = rowsOf<{ support: string; jobs: number | string }>(result);
  const support = parseMad(row?.support ?? "0");
  const jobs = Number(row?.jobs ?? 0);
  return {
    supportDisbursedMad: formatMad(support),
    jobsCreated: jobs,
    costPerJobMad: jobs > 0 ? Math.round(support / jobs) / 100 : null,
  };
}

export async function seedDemo(db: Database, options: { today: string }): Promise<DemoSummary> {
  const { today } = options;
  toDays(today);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await seedReference(tx);
    const taken = await tx
      .select({ email: users.email })
      .from(users)
      .where(
        inArray(
          users.email,
          USER_SEEDS.map((user) => user.email),
        ),
      );
    if (taken.length > 0)
      throw new Error(`Demo data is already present (${taken[0]?.email}); use a fresh database`);

    const rng = createRng(SEED);
    const cohortPlans = planCohorts(today);
    const firstDay = cohortPlans[0]?.startOn ?? today;

    const insertedUsers = await tx
      .insert(users)
      .values(
        USER_SEEDS.map((user, index) => ({
          email: user.email,
          name: user.name,
          role: user.role,
          passwordHash,
          phone: user.phone,
          createdAt: timestampOn(addDays(firstDay, -60 + index), 9),
          updatedAt: timestampOn(addDays(firstDay, -60 + index), 9),
        })),
      )
      .returning({ id: users.id, email: users.email });
    const userId = (key: string) => {
      const email = USER_SEEDS.find((user) => user.key === key)?.email;
      const id = insertedUsers.find((user) => user.email === email)?.id;
      if (id === undefined) throw new Error(`User ${key} was not inserted`);
      return id;
    };
    const people: People = {
      adminId: userId("admin"),
      staffIds: [userId("staff"), userId("staff2")],
      officialId: userId("official"),
      mentorIds: USER_SEEDS.filter((user) => user.role === "mentor").map((user) =>
        userId(user.key),
      ),
      notesLanguage: new Map(USER_SEEDS.map((user) => [userId(user.key), user.notesIn])),
    };

    const programRows = await tx.select({ id: programs.id, key: programs.key }).from(programs);
    const programIds = new Map(programRows.map((program) => [program.key, program.id]));
    const programId = (key: string) => {
      const id = programIds.get(key);
      if (id === undefined) throw new Error(`Programme ${key} is missing`);
      return id;
    };
    const templates = await tx
      .select({
        id: milestoneTemplates.id,
        key: milestoneTemplates.key,
        stage: milestoneTemplates.stage,
        dueOffsetDays: milestoneTemplates.dueOffsetDays,
      })
      .from(milestoneTemplates)
      .where(
        inArray(
          milestoneTemplates.key,
          MILESTONE_TEMPLATES.map((template) => template.key),
        ),
      )
      .orderBy(asc(milestoneTemplates.sortOrder));

    const cohortIds = await tx
      .insert(cohorts)
      .values(
        cohortPlans.map((cohort) => ({
          name: cohort.name,
          programId: programId(cohort.programKey),
          startOn: cohort.startOn,
          endOn: cohort.endOn,
          capacity: cohort.capacity,
          status: cohort.status,
          createdAt: timestampOn(addDays(cohort.startOn, -90), 9),
          updatedAt: timestampOn(addDays(cohort.startOn, -90), 9),
        })),
      )
      .returning({ id: cohorts.id });
    const cohortIdOf = new Map(cohortPlans.map((cohort, i) => [cohort, cohortIds[i]?.id ?? null]));

    const coops = planCooperatives(rng, cohortPlans, today, people.staffIds[0]);
    for (const coop of coops)
      coop.row.cohortId = coop.cohort ? (cohortIdOf.get(coop.cohort) ?? null) : null;
    assignIds(
      coops,
      await inChunks(
        coops.map((coop) => coop.row),
        (chunk) => tx.insert(cooperatives).values(chunk).returning({ id: cooperatives.id }),
      ),
    );

    const stageRows = coops.flatMap((coop) =>
      coop.history.map((entry, i) => ({
        cooperativeId: coop.id,
        fromStage: coop.history[i - 1]?.stage ?? null,
        toStage: entry.stage,
        changedOn: entry.on,
        changedBy: people.staffIds[0],
        reason:
          entry.stage === "withdrawn" ? rng.pick(WITHDRAWAL_REASONS) : STAGE_REASONS[entry.stage],
        createdAt: timestampOn(entry.on, 11, rng.int(0, 59)),
      })),
    );
    await insertAll(stageRows, (chunk) => tx.insert(stageChanges).values(chunk));

    const assignmentRows = planAssignments(rng, coops, people);
    await insertAll(assignmentRows, (chunk) => tx.insert(mentorAssignments).values(chunk));
    const sessionRows = planSessions(rng, coops, people, today);
    await insertAll(sessionRows, (chunk) => tx.insert(mentoringSessions).values(chunk));

    const milestonePlans = planMilestones(rng, coops, templates, people, today);
    assignIds(
      milestonePlans,
      await inChunks(
        milestonePlans.map((plan) => plan.row),
        (chunk) => tx.insert(milestones).values(chunk).returning({ id: milestones.id }),
      ),
    );

    const awards = planFunding(rng, coops, milestonePlans, people, programIds, today);
    assignIds(
      awards,
      await inChunks(
        awards.map((award) => award.row),
        (chunk) => tx.insert(fundingAwards).values(chunk).returning({ id: fundingAwards.id }),
      ),
    );
    const trancheRows = awards.flatMap((award) =>
      award.tranches.map((tranche) => ({ ...tranche, awardId: award.id })),
    );
    await insertAll(trancheRows, (chunk) => tx.insert(disbursements).values(chunk));

    const snapshotRows = planJobs(rng, coops, supportByCooperative(awards, today), people, today);
    await insertAll(snapshotRows, (chunk) => tx.insert(jobsSnapshots).values(chunk));

    const eventPlans = planEvents(rng, coops, today);
    assignIds(
      eventPlans,
      await inChunks(
        eventPlans.map((event) => event.row),
        (chunk) => tx.insert(events).values(chunk).returning({ id: events.id }),
      ),
    );
    const participationRows = eventPlans.flatMap((event) =>
      event.participants.map((participant) => ({
        ...participant.row,
        cooperativeId: participant.coop.id,
        eventId: event.id,
      })),
    );
    await insertAll(participationRows, (chunk) => tx.insert(eventParticipations).values(chunk));

    await tx.insert(auditLog).values({
      actorId: null,
      action: "seed",
      entity: "database",
      after: { kind: "demo", today, cooperatives: coops.length },
    });

    return {
      today,
      counts: {
        users: insertedUsers.length,
        cohorts: cohortIds.length,
        cooperatives: coops.length,
        stageChanges: stageRows.length,
        mentorAssignments: assignmentRows.length,
        mentoringSessions: sessionRows.length,
        milestones: milestonePlans.length,
        fundingAwards: awards.length,
        disbursements: trancheRows.length,
        jobsSnapshots: snapshotRows.length,
        events: eventPlans.length,
        eventParticipations: participationRows.length,
        auditLog: 1,
      },
      ...(await costPerJob(tx, today)),
    };
  });
}
