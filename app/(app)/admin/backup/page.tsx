import type { Metadata } from "next";
import { DownloadIcon } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { requireRole } from "@/lib/dal";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("backup");
  return { title: t("title") };
}

function Command({ children }: { children: string }) {
  return (
    <pre dir="ltr" className="overflow-x-auto rounded-md bg-muted px-3 py-2 text-start text-sm">
      <code>{children}</code>
    </pre>
  );
}

export default async function BackupPage() {
  await requireRole("admin");
  const t = await getTranslations("backup");
  return (
    <div className="grid min-w-0 max-w-3xl gap-6 [&>*]:min-w-0" data-testid="admin-backup">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-muted-foreground">{t("intro")}</p>
      </div>
      <section aria-labelledby="backup-download" className="grid gap-3 rounded-md border p-4">
        <h2 id="backup-download" className="text-lg font-semibold">
          {t("downloadTitle")}
        </h2>
        <p>{t("sensitive")}</p>
        <div className="flex flex-wrap items-center gap-3">
          <a
            href="/api/admin/backup"
            download
            className={buttonVariants()}
            data-testid="backup-download"
          >
            <DownloadIcon aria-hidden="true" />
            {t("download")}
          </a>
          <p className="text-sm text-muted-foreground">{t("recorded")}</p>
        </div>
      </section>
      <section aria-labelledby="backup-server" className="grid gap-3 rounded-md border p-4">
        <h2 id="backup-server" className="text-lg font-semibold">
          {t("serverTitle")}
        </h2>
        <p>{t("scheduled")}</p>
        <Command>npm run db:backup</Command>
        <p>{t("restore")}</p>
        <Command>npm run db:restore -- hadina-backup-YYYY-MM-DD.jsonl.gz</Command>
      </section>
    </div>
  );
}
