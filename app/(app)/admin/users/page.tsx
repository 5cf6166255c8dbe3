import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { listUsers } from "@/db/queries/admin";
import { ROLES } from "@/db/schema";
import { requireRole } from "@/lib/dal";
import { currentLocale } from "@/lib/i18n/server";
import { CreateUserForm } from "./_components/create-user-form";
import { UserFilters } from "./_components/user-filters";
import { UsersTable } from "./_components/users-table";
import { userFilterSchema } from "./schema";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminUsers");
  return { title: t("title") };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireRole("admin");
  const params = await searchParams;
  const filter = userFilterSchema.parse({ role: first(params.role), active: first(params.active) });
  const [rows, t, locale] = await Promise.all([
    listUsers(await getDb(), filter),
    getTranslations("adminUsers"),
    currentLocale(),
  ]);
  return (
    <div className="grid min-w-0 gap-6 [&>*]:min-w-0" data-testid="admin-users">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-muted-foreground">{t("intro")}</p>
      </div>
      <CreateUserForm roles={ROLES} defaultLocale={locale} />
      <section aria-labelledby="users-list-title" className="grid gap-4">
        <h2 id="users-list-title" className="text-lg font-semibold">
          {t("list.title")}
        </h2>
        <UserFilters
          role={filter.role}
          active={filter.active === undefined ? undefined : String(filter.active)}
        />
        <UsersTable rows={rows} viewerId={viewer.id} locale={locale} />
      </section>
    </div>
  );
}
