"use client";

import { useTranslations } from "next-intl";
import type { RefObject } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { archiveAction } from "../actions";

/** The confirmation before archiving; loaded on demand by ArchiveControl. */
export default function ArchiveDialog({
  id,
  open,
  onOpenChange,
  trigger,
}: {
  id: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opened it: focus goes back there when it closes. */
  trigger: RefObject<HTMLButtonElement | null>;
}) {
  const t = useTranslations("cooperatives.archive");
  const tNav = useTranslations("nav");
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        closeLabel={tNav("close")}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          trigger.current?.focus();
        }}
      >
        <DialogHeader>
          <DialogTitle>{t("confirmTitle")}</DialogTitle>
          <DialogDescription>{t("confirmBody")}</DialogDescription>
        </DialogHeader>
        <form action={archiveAction} onSubmit={() => onOpenChange(false)}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="archived" value="1" />
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="ghost">
                {t("cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive">
              {t("confirm")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
