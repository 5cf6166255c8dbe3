import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { TemplateInput } from "@/lib/validation/milestone";
import type { Database, Executor } from "../index";
import { milestoneTemplates, programs } from "../schema";
import { writeAudit } from "./audit";

export type TemplateItem = typeof milestoneTemplates.$inferSelect & {
  program: { key: string; ar: string; fr: string; en: string } | null;
  /** Milestones made from it so far. */
  used: number;
};

/** Every template in pipeline order (generic ones before programme ones within a stage). */
export async function listTemplates(db: Executor): Promise<TemplateItem[]> {
  const rows = await db
    .select({
      template: milestoneTemplates,
      programKey: programs.key,
      ar: programs.nameAr,
      fr: programs.nameFr,
      en: programs.nameEn,
      used: sql<number>`(select count(*)::int from milestones m where m.template_id = ${milestoneTemplates.id})`,
    })
    .from(milestoneTemplates)
    .leftJoin(programs, eq(programs.id, milestoneTemplates.programId))
    .orderBy(
      asc(milestoneTemplates.stage),
      asc(milestoneTemplates.sortOrder),
      asc(milestoneTemplates.id),
    );
  return rows.map(({ template, programKey, ar, fr, en, used }) => ({
    ...template,
    program: programKey && ar && fr && en ? { key: programKey, ar, fr, en } : null,
    used: Number(used),
  }));
}

export type TemplateResult =
  { ok: true; id: number } | { ok: false; reason: "not_found" | "key_taken" | "unknown_program" };

function view(row: typeof milestoneTemplates.$inferSelect) {
  return {
    key: row.key,
    program_id: row.programId,
    stage: row.stage,
    sort_order: row.sortOrder,
    due_offset_days: row.dueOffsetDays,
    label_ar: row.labelAr,
    label_fr: row.labelFr,
    label_en: row.labelEn,
    active: row.active,
  };
}

/**
 * Creates a template (key, stage and programme are fixed from then on) or edits one's labels,
 * due offset, order and active flag, with its audit entry. A new offset applies to milestones
 * created afterwards; existing milestones keep their due dates.
 */
export async function saveTemplate(
  db: Database,
  actorId: number,
  id: number | null,
  input: TemplateInput,
): Promise<TemplateResult> {
  return db.transaction(async (tx): Promise<TemplateResult> => {
    const editable = {
      sortOrder: input.sort_order,
      dueOffsetDays: input.due_offset_days,
      labelAr: input.label_ar,
      labelFr: input.label_fr,
      labelEn: input.label_en,
      active: input.active,
    };
    if (id !== null) {
      const [before] = await tx
        .select()
        .from(milestoneTemplates)
        .where(eq(milestoneTemplates.id, id))
        .for("update");
      if (!before) return { ok: false, reason: "not_found" };
      const [after] = await tx
        .update(milestoneTemplates)
        .set({ ...editable, updatedAt: sql`now()` })
        .where(eq(milestoneTemplates.id, id))
        .returning();
      if (!after) throw new Error("update returned nothing");
      await writeAudit(tx, {
        actorId,
        action: "update",
        entity: "milestone_template",
        entityId: id,
        before: view(before),
        after: view(after),
      });
      return { ok: true, id };
    }
    if (input.program_id !== null) {
      const [program] = await tx
        .select({ id: programs.id })
        .from(programs)
        .where(eq(programs.id, input.program_id));
      if (!program) return { ok: false, reason: "unknown_program" };
    }
    const [row] = await tx
      .insert(milestoneTemplates)
      .values({ ...editable, key: input.key, stage: input.stage, programId: input.program_id })
      .onConflictDoNothing({ target: milestoneTemplates.key })
      .returning();
    if (!row) return { ok: false, reason: "key_taken" };
    await writeAudit(tx, {
      actorId,
      action: "create",
      entity: "milestone_template",
      entityId: row.id,
      after: view(row),
    });
    return { ok: true, id: row.id };
  });
}
