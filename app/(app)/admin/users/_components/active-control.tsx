"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
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
import { setActiveAction, type UserActionState } from "../actions";

const idle: UserActionState = { status: "idle" };

/**
 * Deactivation asks first; reactivation does not. Once the list is revalidated the row's
 * `active` flips and the dialog goes with it.
 */
export function ActiveControl({
  userId,
  name,
  active,
}: {
  userId: number;
  name: string;
  active: boolean;
}) {
  const t = useTranslations("adminUsers");
  const tValidation = useTranslations("validation");
  const [state, action, pending] = useActionState(setActiveAction, idle);
  const errorId = `active-${userId}-error`;
  const error =
    state.status === "error" && state.error ? (
      <p id={errorId} role="alert" className="text-sm whitespace-normal text-destructive">
        {tValidation(state.error)}
      </p>
    ) : null;

  if (!active) {
    return (
      <form action={action} className="grid gap-1">
        <input type="hidden" name="user_id" value={userId} />
        <input type="hidden" name="active" value="true" />
        <Button
          type="submit"
          size="sm"
          variant="outline"
          disabled={pending}
          aria-label={t("reactivate.buttonFor", { name })}
          aria-describedby={error ? errorId : undefined}
        >
          {t("reactivate.button")}
        </Button>
        {error}
      </form>
    );
  }

  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" aria-label={t("deactivate.buttonFor", { name })}>
          {t("deactivate.button")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("close")}>
        <DialogHeader>
          <DialogTitle>{t("deactivate.title", { name })}</DialogTitle>
          <DialogDescription>{t("deactivate.body")}</DialogDescription>
        </DialogHeader>
        <form action={action} className="grid gap-4">
          <input type="hidden" name="user_id" value={userId} />
          <input type="hidden" name="active" value="false" />
          {error}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                {t("cancel")}
              </Button>
            </DialogClose>
            <Button
              type="submit"
              variant="destructive"
              disabled={pending}
              aria-describedby={error ? errorId : undefined}
            >
              {pending ? t("working") : t("deactivate.confirm")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
