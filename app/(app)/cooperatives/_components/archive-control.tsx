"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { archiveAction } from "../actions";

export function ArchiveControl({ id, archived }: { id: number; archived: boolean }) {
  const t = useTranslations("cooperatives.archive");
  const tNav = useTranslations("nav");
  const [open, setOpen] = useState(false);
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
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button type="button" variant="outline">
          {t("archive")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={tNav("close")}>
        <DialogHeader>
          <DialogTitle>{t("confirmTitle")}</DialogTitle>
          <DialogDescription>{t("confirmBody")}</DialogDescription>
        </DialogHeader>
        <form action={archiveAction} onSubmit={() => setOpen(false)}>
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
