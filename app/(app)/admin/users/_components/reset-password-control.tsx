"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
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
import { resetPasswordAction, type UserActionState } from "../actions";
import { TemporaryPassword } from "./temporary-password";

const idle: UserActionState = { status: "idle" };

type Props = { userId: number; name: string };

/** Each opening starts afresh, so a temporary password is shown once and then forgotten. */
export function ResetPasswordControl(props: Props) {
  const [round, setRound] = useState(0);
  return <ResetPasswordDialog key={round} {...props} onClosed={() => setRound((n) => n + 1)} />;
}

function ResetPasswordDialog({ userId, name, onClosed }: Props & { onClosed: () => void }) {
  const t = useTranslations("adminUsers");
  const tValidation = useTranslations("validation");
  const [state, action, pending] = useActionState(resetPasswordAction, idle);
  const [open, setOpen] = useState(false);
  const errorId = `reset-${userId}-error`;

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next && state.status !== "idle") onClosed();
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" aria-label={t("reset.buttonFor", { name })}>
          {t("reset.button")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("close")}>
        {state.temporaryPassword ? (
          <>
            <DialogHeader>
              <DialogTitle>{t("reset.doneTitle")}</DialogTitle>
              <DialogDescription>{t("reset.doneBody", { name })}</DialogDescription>
            </DialogHeader>
            <TemporaryPassword value={state.temporaryPassword} />
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button">{t("reset.done")}</Button>
              </DialogClose>
            </DialogFooter>
          </>
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>{t("reset.title", { name })}</DialogTitle>
              <DialogDescription>{t("reset.body")}</DialogDescription>
            </DialogHeader>
            <form action={action} className="grid gap-4">
              <input type="hidden" name="user_id" value={userId} />
              {state.status === "error" && state.error && (
                <p id={errorId} role="alert" className="text-sm text-destructive">
                  {tValidation(state.error)}
                </p>
              )}
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
                  aria-describedby={state.status === "error" ? errorId : undefined}
                >
                  {pending ? t("working") : t("reset.confirm")}
                </Button>
              </DialogFooter>
            </form>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
