"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

const UPLOAD_ERRORS = [
  "malformed",
  "empty",
  "unsupported",
  "too_large",
  "no_name_column",
  "no_file",
  "forbidden",
  "unauthorized",
  "network",
  "internal",
] as const;
type UploadError = (typeof UPLOAD_ERRORS)[number];

type Phase = { kind: "idle"; error?: UploadError } | { kind: "uploading"; percent: number | null };

function knownError(code: unknown): UploadError {
  return UPLOAD_ERRORS.find((known) => known === code) ?? "internal";
}

/**
 * Posts the file to the route handler (server actions stop at 1 MB) and shows how much of it has
 * gone; without JavaScript the same form posts natively and the handler redirects back.
 */
export function UploadForm({ initialError }: { initialError?: string }) {
  const t = useTranslations("import");
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({
    kind: "idle",
    error: initialError ? knownError(initialError) : undefined,
  });
  const busy = phase.kind === "uploading";
  const error = phase.kind === "idle" && phase.error ? t(`errors.${phase.error}`) : undefined;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || file.name === "") {
      setPhase({ kind: "idle", error: "no_file" });
      return;
    }
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("accept", "application/json");
    request.responseType = "json";
    request.upload.onprogress = (progress) => {
      if (progress.lengthComputable) {
        setPhase({
          kind: "uploading",
          percent: Math.round((progress.loaded / progress.total) * 100),
        });
      }
    };
    request.upload.onload = () => setPhase({ kind: "uploading", percent: null });
    request.onload = () => {
      const body = request.response as { location?: string; error?: string } | null;
      if (request.status === 201 && body?.location) router.push(body.location);
      else setPhase({ kind: "idle", error: knownError(body?.error) });
    };
    request.onerror = () => setPhase({ kind: "idle", error: "network" });
    setPhase({ kind: "uploading", percent: 0 });
    request.send(data);
  }

  return (
    <form
      action="/api/import/cooperatives"
      method="post"
      encType="multipart/form-data"
      onSubmit={submit}
      className="grid max-w-xl gap-4"
      data-testid="import-upload"
    >
      <FormField label={t("file")} name="file" error={error} description={t("fileHint")}>
        <Input
          type="file"
          name="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          {...fieldA11y("file", error, true)}
        />
      </FormField>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={busy}>
          {busy ? t("uploadingShort") : t("upload")}
        </Button>
      </div>
      {busy && (
        <div className="grid gap-1" aria-live="polite">
          <progress
            className="h-2 w-full accent-primary"
            max={100}
            value={phase.percent ?? undefined}
            aria-label={t("progressLabel")}
          />
          <p className="text-sm text-muted-foreground">
            {phase.percent === null
              ? t("processing")
              : t("uploading", { percent: String(phase.percent) })}
          </p>
        </div>
      )}
    </form>
  );
}
