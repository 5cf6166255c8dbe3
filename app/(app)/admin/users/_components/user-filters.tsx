import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonVariants } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { ROLES, type Role } from "@/db/schema";

/** A plain GET form: the filters live in the URL, so a view can be shared and reloaded. */
export async function UserFilters({ role, active }: { role?: Role; active?: string }) {
  const [t, tRoles] = await Promise.all([
    getTranslations("adminUsers.filters"),
    getTranslations("roles"),
  ]);
  return (
    <form
      method="get"
      action="/admin/users"
      role="search"
      aria-label={t("label")}
      className="flex flex-wrap items-end gap-3"
    >
      <div className="grid gap-2">
        <Label htmlFor="filter-role">{t("role")}</Label>
        <Select id="filter-role" name="role" defaultValue={role ?? ""} wrapperClassName="w-48">
          <option value="">{t("allRoles")}</option>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {tRoles(value)}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-2">
        <Label htmlFor="filter-active">{t("status")}</Label>
        <Select
          id="filter-active"
          name="active"
          defaultValue={active ?? ""}
          wrapperClassName="w-48"
        >
          <option value="">{t("allStatuses")}</option>
          <option value="true">{t("active")}</option>
          <option value="false">{t("inactive")}</option>
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        {t("apply")}
      </Button>
      {(role || active) && (
        <Link href="/admin/users" className={buttonVariants({ variant: "ghost" })}>
          {t("clear")}
        </Link>
      )}
    </form>
  );
}
