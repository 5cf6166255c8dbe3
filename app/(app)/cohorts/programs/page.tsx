import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { listPrograms } from "@/db/queries/cohorts";
import { requireRole } from "@/lib/dal";
import { nameIn } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { ProgramForm } from "../_components/program-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cohorts");
  return { title: t("programs") };
}

export default async function ProgramsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("admin", "staff");
  const edit = Number((await searchParams).edit);
  const [programs, t, locale] = await Promise.all([
    getDb().then(listPrograms),
    getTranslations("cohorts"),
    currentLocale(),
  ]);
  return (
    <div className="grid min-w-0 gap-6">
      <h1 className="text-2xl font-bold">{t("programs")}</h1>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("newProgram")}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <ProgramForm
            initial={{
              key: "",
              name_ar: "",
              name_fr: "",
              name_en: "",
              description: "",
              active: true,
            }}
          />
        </CardContent>
      </Card>
      <ul className="grid gap-3" data-testid="programs">
        {programs.map((p) => (
          <li key={p.id} className="rounded-lg border bg-card p-4" data-program-key={p.key}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div>
                <span className="font-medium">{nameIn(locale, p)}</span>{" "}
                <code className="text-xs text-muted-foreground" dir="ltr">
                  {p.key}
                </code>
              </div>
              <div className="flex items-center gap-2">
                <Badge variant={p.active ? "success" : "secondary"}>
                  {p.active ? t("active") : t("inactive")}
                </Badge>
                <Link
                  href={`/cohorts/programs?edit=${p.id}`}
                  className="text-sm text-primary hover:underline"
                >
                  {t("edit")}
                </Link>
              </div>
            </div>
            {edit === p.id && (
              <div className="mt-4">
                <ProgramForm
                  id={p.id}
                  initial={{
                    key: p.key,
                    name_ar: p.nameAr,
                    name_fr: p.nameFr,
                    name_en: p.nameEn,
                    description: p.description ?? "",
                    active: p.active,
                  }}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
