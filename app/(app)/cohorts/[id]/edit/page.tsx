import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { listPrograms } from "@/db/queries/cohorts";
import { nameIn } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { CohortForm } from "../../_components/cohort-form";
import { loadCohort } from "../../_components/load";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { cohort } = await loadCohort((await params).id);
  return { title: cohort.name };
}

export default async function EditCohortPage({ params }: Props) {
  const { cohort } = await loadCohort((await params).id);
  const [programs, t, locale] = await Promise.all([
    getDb().then(listPrograms),
    getTranslations("cohorts"),
    currentLocale(),
  ]);
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">{t("editTitle", { name: cohort.name })}</h1>
      <CohortForm
        id={cohort.id}
        initial={{
          name: cohort.name,
          program_id: String(cohort.programId),
          start_on: cohort.startOn,
          end_on: cohort.endOn,
          capacity: String(cohort.capacity),
          status: cohort.status,
        }}
        programs={programs
          .filter((p) => p.active || p.id === cohort.programId)
          .map((p) => ({ value: String(p.id), label: nameIn(locale, p) }))}
        cancelHref={`/cohorts/${cohort.id}`}
      />
    </div>
  );
}
