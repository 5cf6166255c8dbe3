"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { erasePersonAction, type ErasePersonState } from "../actions";

const idle: ErasePersonState = { status: "idle" };

/**
 * The confirmation step of an erasure: a plain form (it works before JavaScript loads and from
 * the keyboard), with a box to tick, since nothing erased can be brought back.
 */
export function EraseForm({
  userId,
  cooperativeIds,
  cancelHref,
}: {
  userId: number | null;
  cooperativeIds: number[];
  cancelHref: string;
}) {
  const t = useTranslations("people");
  const [state, action, pending] = useActionState(erasePersonAction, idle);
  return (
    <form action={action} className="grid gap-4" data-testid="erase-form">
      {userId !== null ? <input type="hidden" name="user" value={userId} /> : null}
      {cooperativeIds.map((id) => (
        <input key={id} type="hidden" name="cooperative" value={id} />
      ))}
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          name="confirm"
          required
          className="mt-1 size-4"
          aria-describedby={state.status === "error" ? "erase-error" : undefined}
        />
        <span>{t("erase.confirmLabel")}</span>
      </label>
      {state.status === "error" ? (
        <p id="erase-error" role="alert" className="text-sm text-destructive">
          {t(`errors.${state.error ?? "failed"}`)}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="destructive" disabled={pending}>
          {pending ? t("erase.erasing") : t("erase.submit")}
        </Button>
        <Link href={cancelHref} className={buttonVariants({ variant: "outline" })}>
          {t("erase.cancel")}
        </Link>
      </div>
    </form>
  );
}
