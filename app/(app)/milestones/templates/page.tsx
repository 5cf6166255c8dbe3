import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { listPrograms } from "@/db/queries/cohorts";
import { listTemplates } from "@/db/queries/milestone-templates";
import { STAGES } from "@/db/schema";
import { requireRole } from "@/lib/dal";
import { formatNumber, nameIn } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { TemplateForm } from "../_components/template-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("milestones.templates");
  return { title: t("title") };
}

/** The milestone templates by stage, for admin and staff: labels, due offsets, order, programme. */
export default async function TemplatesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("admin", "staff");
  const edit = Number((await searchParams).edit);
  const db = await getDb();
  const [templates, programs, t, tStage, locale] = await Promise.all([
    listTemplates(db),
    listPrograms(db),
    getTranslations("milestones.templates"),
    getTranslations("stage"),
    currentLocale(),
  ]);
  const programOptions = programs.map((p) => ({ value: String(p.id), label: nameIn(locale, p) }));
  const n = (value: number) => formatNumber(locale, value);
  const labelOf = (tpl: (typeof templates)[number]) =>
    locale === "ar" ? tpl.labelAr : locale === "fr" ? tpl.labelFr : tpl.labelEn;
  return (
    <div className="grid min-w-0 gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("new")}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <TemplateForm
            programs={programOptions}
            initial={{
              key: "",
              stage: "incubation",
              program_id: "",
              sort_order: String(templates.length + 1),
              due_offset_days: "0",
              label_ar: "",
              label_fr: "",
              label_en: "",
              active: true,
            }}
          />
        </CardContent>
      </Card>
      {STAGES.filter((stage) => templates.some((tpl) => tpl.stage === stage)).map((stage) => (
        <section key={stage} className="grid gap-3" aria-labelledby={`templates-${stage}`}>
          <h2 id={`templates-${stage}`} className="text-lg font-semibold">
            {tStage(stage)}
          </h2>
          <ul className="grid gap-3" data-testid={`templates-${stage}`}>
            {templates
              .filter((tpl) => tpl.stage === stage)
              .map((tpl) => (
                <li
                  key={tpl.id}
                  className="rounded-lg border bg-card p-4"
                  data-template-key={tpl.key}
                >
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <div className="grid gap-1">
                      <span className="font-medium">{labelOf(tpl)}</span>
                      <span className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                        <code dir="ltr">{tpl.key}</code>
                        <span>{t("offset", { days: n(tpl.dueOffsetDays) })}</span>
                        <span>{t("order", { order: n(tpl.sortOrder) })}</span>
                        <span>{t("used", { count: n(tpl.used) })}</span>
                      </span>
                    </div>
                    <div className="flex items-center gap-2">
                      <Badge variant="outline">
                        {tpl.program ? tpl.program[locale] : t("allPrograms")}
                      </Badge>
                      <Badge variant={tpl.active ? "success" : "secondary"}>
                        {tpl.active ? t("active") : t("inactive")}
                      </Badge>
                      <Link
                        href={`/milestones/templates?edit=${tpl.id}#template-${tpl.id}`}
                        className="text-sm text-primary hover:underline"
                      >
                        {t("edit")}
                      </Link>
                    </div>
                  </div>
                  {edit === tpl.id && (
                    <div className="mt-4" id={`template-${tpl.id}`}>
                      <TemplateForm
                        id={tpl.id}
                        programs={programOptions}
                        initial={{
                          key: tpl.key,
                          stage: tpl.stage,
                          program_id: tpl.programId === null ? "" : String(tpl.programId),
                          sort_order: String(tpl.sortOrder),
                          due_offset_days: String(tpl.dueOffsetDays),
                          label_ar: tpl.labelAr,
                          label_fr: tpl.labelFr,
                          label_en: tpl.labelEn,
                          active: tpl.active,
                        }}
                      />
                    </div>
                  )}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
