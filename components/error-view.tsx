"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button, buttonVariants } from "@/components/ui/button";

export function ErrorView({ digest, reset }: { digest?: string; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div
      role="alert"
      className="mx-auto flex min-h-[50dvh] max-w-lg flex-col items-center justify-center gap-4 px-4 text-center"
    >
      <h1 className="text-2xl font-bold">{t("errorTitle")}</h1>
      <p className="text-muted-foreground">{t("errorBody")}</p>
      {digest && (
        <p className="text-xs text-muted-foreground" dir="ltr">
          {t("reference", { digest })}
        </p>
      )}
      <div className="flex gap-2">
        <Button onClick={reset}>{t("retry")}</Button>
        <Link href="/" className={buttonVariants({ variant: "outline" })}>
          {t("backHome")}
        </Link>
      </div>
    </div>
  );
}
