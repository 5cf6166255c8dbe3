"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { archiveAction } from "../actions";
import { loadOnce } from "./on-demand";

/**
 * The confirmation (Radix's dialog, about 12 KB gzipped) is not part of the page's first load:
 * it loads when the pointer comes over the button or the button gets focus, before the click.
 */
const loadDialog = loadOnce(() => import("./archive-dialog"));
const ArchiveDialog = lazy(loadDialog);
/** A failed early load is no error: the click loads it again. */
const prefetch = () => void loadDialog().catch(() => undefined);

export function ArchiveControl({ id, archived }: { id: number; archived: boolean }) {
  const t = useTranslations("cooperatives.archive");
  const [open, setOpen] = useState(false);
  const [mounted, setMounted] = useState(false);
  const [pending, startTransition] = useTransition();
  const trigger = useRef<HTMLButtonElement>(null);
  if (archived) {
    return (
      <form action={archiveAction}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="archived" value="0" />
        <Button type="submit" variant="secondary">
          {t("restore")}
        </Button>
      </form>
    );
  }
  return (
    <>
      <Button
        ref={trigger}
        type="button"
        variant="outline"
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={prefetch}
        onFocus={prefetch}
        aria-busy={pending || undefined}
        onClick={() => {
          if (pending) return;
          // The dialog opens once its code is here; without it (offline) the button stays as is.
          startTransition(async () => {
            const loaded = await loadDialog().then(
              () => true,
              () => false,
            );
            if (!loaded) return;
            startTransition(() => {
              setMounted(true);
              setOpen(true);
            });
          });
        }}
      >
        {t("archive")}
      </Button>
      {mounted && (
        <Suspense fallback={null}>
          <ArchiveDialog id={id} open={open} onOpenChange={setOpen} trigger={trigger} />
        </Suspense>
      )}
    </>
  );
}
