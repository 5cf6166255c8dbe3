"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { confirmImport, discardImport, type ImportActionState } from "../actions";

/** Confirm and discard; the import of a large file shows an indeterminate bar while it runs. */
export function BatchActions({
  batchId,
  changes,
  changesLabel,
}: {
  batchId: number;
  changes: number;
  changesLabel: string;
}) {
  const t = useTranslations("import");
  const idle: ImportActionState = { status: "idle" };
  const [confirmed, confirm, confirming] = useActionState(confirmImport, idle);
  const [discarded, discard, discarding] = useActionState(discardImport, idle);
  const busy = confirming || discarding;
  const status = confirmed.status !== "idle" ? confirmed.status : discarded.status;
  return (
    <div className="grid gap-3" data-testid="import-actions">
      <div className="flex flex-wrap items-center gap-3">
        <form action={confirm}>
          <input type="hidden" name="batch" value={batchId} />
          <Button type="submit" disabled={busy}>
            {confirming ? t("confirming") : t("confirm", { count: changes, n: changesLabel })}
          </Button>
        </form>
        <form action={discard}>
          <input type="hidden" name="batch" value={batchId} />
          <Button type="submit" variant="outline" disabled={busy}>
            {t("discard")}
          </Button>
        </form>
      </div>
      {confirming && (
        <div className="grid max-w-xl gap-1" aria-live="polite">
          <progress className="h-2 w-full accent-primary" aria-label={t("progressLabel")} />
          <p className="text-sm text-muted-foreground">{t("confirmingHint")}</p>
        </div>
      )}
      {status !== "idle" && (
        <p role="alert" className="text-sm text-destructive">
          {t(`actionErrors.${status}`)}
        </p>
      )}
    </div>
  );
}
