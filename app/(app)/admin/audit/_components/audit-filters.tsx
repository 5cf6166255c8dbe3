import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { AuditParams } from "../params";
import { auditLabels } from "./labels";

type Props = {
  params: AuditParams;
  actors: { id: number; name: string }[];
  facets: { entities: string[]; actions: string[] };
};

/** A plain GET form: the filters live in the URL, and applying them starts again at page 1. */
export async function AuditFilters({ params, actors, facets }: Props) {
  const [t, labels] = await Promise.all([getTranslations("audit.filters"), auditLabels()]);
  const filtered = Boolean(
    params.actor !== undefined || params.entity || params.action || params.from || params.to,
  );
  return (
    <form
      method="get"
      action="/admin/audit"
      role="search"
      aria-label={t("label")}
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5"
    >
      <div className="grid gap-2">
        <Label htmlFor="audit-actor">{t("actor")}</Label>
        <Select id="audit-actor" name="actor" defaultValue={params.actor?.toString() ?? ""}>
          <option value="">{t("anyone")}</option>
          {actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-2">
        <Label htmlFor="audit-entity">{t("entity")}</Label>
        <Select id="audit-entity" name="entity" defaultValue={params.entity ?? ""}>
          <option value="">{t("any")}</option>
          {facets.entities.map((entity) => (
            <option key={entity} value={entity}>
              {labels.entity(entity)}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-2">
        <Label htmlFor="audit-action">{t("action")}</Label>
        <Select id="audit-action" name="action" defaultValue={params.action ?? ""}>
          <option value="">{t("any")}</option>
          {facets.actions.map((action) => (
            <option key={action} value={action}>
              {labels.action(action)}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-2">
        <Label htmlFor="audit-from">{t("from")}</Label>
        <Input id="audit-from" name="from" type="date" defaultValue={params.from ?? ""} />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="audit-to">{t("to")}</Label>
        <Input id="audit-to" name="to" type="date" defaultValue={params.to ?? ""} />
      </div>
      <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-5">
        <Button type="submit" variant="secondary">
          {t("apply")}
        </Button>
        {filtered && (
          <Link href="/admin/audit" className={buttonVariants({ variant: "ghost" })}>
            {t("clear")}
          </Link>
        )}
      </div>
    </form>
  );
}
