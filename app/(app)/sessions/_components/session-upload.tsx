"use client";

import { useTranslations } from "next-intl";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from "@/lib/attachments";

const OUTCOMES = [
  "ok",
  "empty",
  "too_large",
  "unsupported",
  "no_file",
  "forbidden",
  "not_found",
  "bad_request",
] as const;
type Outcome = (typeof OUTCOMES)[number];
const isOutcome = (value: unknown): value is Outcome =>
  typeof value === "string" && (OUTCOMES as readonly string[]).includes(value);

/**
 * Adds a photo (the phone offers its camera) or a PDF, 5 MB at most, to a saved session: a plain
 * multipart form to the upload route, sent in the background with JavaScript.
 */
export function SessionUpload({ sessionId }: { sessionId: string }) {
  const t = useTranslations("sessions.photos");
  const router = useRouter();
  const fromUrl = useSearchParams().get("upload");
  const [outcome, setOutcome] = useState<Outcome | null>(isOutcome(fromUrl) ? fromUrl : null);
  const [pending, setPending] = useState(false);
  const id = "session-photo";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = (form.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
    if (!file) return setOutcome("no_file");
    if (file.size > MAX_ATTACHMENT_BYTES) return setOutcome("too_large");
    setPending(true);
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { accept: "application/json" },
      });
      const body = (await response.json().catch(() => ({}))) as { error?: unknown };
      setOutcome(response.ok ? "ok" : isOutcome(body.error) ? body.error : "bad_request");
      if (response.ok) {
        form.reset();
        router.refresh();
      }
    } catch {
      setOutcome("bad_request");
    } finally {
      setPending(false);
    }
  }

  const message = outcome ? t(`outcome.${outcome}`) : null;
  return (
    <form
      method="post"
      encType="multipart/form-data"
      action={`/api/sessions/${sessionId}/attachments`}
      onSubmit={submit}
      className="grid gap-2"
      data-testid="session-upload"
      data-state={outcome ?? "idle"}
    >
      <label htmlFor={id} className="text-sm font-medium">
        {t("label")}
      </label>
      <Input
        id={id}
        name="file"
        type="file"
        accept={ATTACHMENT_TYPES.join(",")}
        required
        aria-describedby={`${id}-hint${message ? ` ${id}-outcome` : ""}`}
      />
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        {t("hint")}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" size="sm" variant="outline" disabled={pending}>
          {pending ? t("sending") : t("submit")}
        </Button>
        {message && (
          <p
            id={`${id}-outcome`}
            role={outcome === "ok" ? "status" : "alert"}
            className={outcome === "ok" ? "text-sm text-success" : "text-sm text-destructive"}
          >
            {message}
          </p>
        )}
      </div>
    </form>
  );
}
