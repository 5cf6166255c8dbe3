"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { deviceUuid } from "@/components/offline/device-id";
import { clearDraft, fillForm, readDraft, readForm, writeDraft } from "@/components/offline/draft";
import { sendSession, type QueuedSession } from "@/components/offline/session-queue";
import { useSessionQueue } from "@/components/offline/use-session-queue";
import { Button } from "@/components/ui/button";
import type * as SessionValidation from "@/lib/validation/session";
import type { SessionFieldErrors } from "@/lib/validation/session";
import { createSessionAction, type SessionFormState } from "../actions";
import { QueueStatus } from "./queue-status";
import { SessionFields, type CooperativeOption } from "./session-fields";

const DRAFT = "session";
const MULTIPLE = ["topics"] as const;

type Validation = Pick<typeof SessionValidation, "sessionSchema" | "sessionFieldErrors">;

let validation: Promise<Validation> | null = null;

/**
 * The session schema, and zod with it, load apart from the page (they are most of a form page's
 * JavaScript): when the browser is idle after the form shows, or at the latest on the first
 * focus in the form, so a mentor who loses the network while filling it still has them. When
 * they could not load (offline before they ever came), null: the form sends or queues unchecked,
 * the server checks, and a refused entry comes back to the form with its errors. A failed load
 * is tried again next time.
 */
function loadValidation(): Promise<Validation | null> {
  validation ??= import("@/lib/validation/session");
  return validation.catch(() => {
    validation = null;
    return null;
  });
}

type Outcome =
  | { kind: "idle" | "invalid" | "queued" | "not_found" | "forbidden" | "conflict" }
  | { kind: "saved"; id: string; cooperativeId: number };

/**
 * The session log. With JavaScript it sends to POST /api/sessions and, when the network or the
 * sign-in fails, keeps the session in the device's queue; while it is filled, the draft stays on
 * the device. Without JavaScript it posts to the server action, under the id the server gave.
 */
export function NewSessionForm({
  userId,
  cooperatives,
  preselected,
  today,
  serverId,
  signInHref,
}: {
  userId: number;
  cooperatives: CooperativeOption[];
  preselected?: number;
  today: string;
  serverId: string;
  signInHref: string;
}) {
  const t = useTranslations("sessions");
  const [state, action, pending] = useActionState<SessionFormState, FormData>(createSessionAction, {
    status: "idle",
  });
  const queue = useSessionQueue(userId);
  const formRef = useRef<HTMLFormElement>(null);
  const idRef = useRef<HTMLInputElement>(null);
  const [formKey, setFormKey] = useState(0);
  const [errors, setErrors] = useState<SessionFieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const [restored, setRestored] = useState(false);
  const [sending, setSending] = useState(false);
  /** Set when a refused entry of the queue is loaded back into the form, whatever it preselects. */
  const forceDraft = useRef(false);

  useEffect(() => {
    const form = formRef.current;
    const idInput = idRef.current;
    if (!form || !idInput) return;
    const draft = readDraft(DRAFT, userId);
    const draftCooperative = draft?.values.cooperative_id;
    const fits =
      forceDraft.current ||
      !preselected ||
      !draftCooperative ||
      draftCooperative === String(preselected);
    forceDraft.current = false;
    if (draft && fits && state.status === "idle") {
      fillForm(form, draft.values);
      const id = draft.values.id;
      idInput.value = typeof id === "string" && id ? id : deviceUuid();
      setRestored(true);
    } else {
      idInput.value = deviceUuid();
    }
    form.dataset.ready = "true";
  }, [formKey, preselected, state.status, userId]);

  useEffect(() => {
    const load = () => void loadValidation();
    if (typeof window.requestIdleCallback === "function") {
      const handle = window.requestIdleCallback(load, { timeout: 2000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = window.setTimeout(load, 500);
    return () => window.clearTimeout(timer);
  }, []);

  const startAfresh = () => {
    clearDraft(DRAFT, userId);
    setErrors({});
    setRestored(false);
    setFormKey((k) => k + 1);
  };

  const saveDraft = () => {
    if (formRef.current) writeDraft(DRAFT, userId, readForm(formRef.current, MULTIPLE));
  };

  const loadQueued = (item: QueuedSession) => {
    const values: Record<string, unknown> = { ...item.payload };
    delete values.user_id;
    forceDraft.current = true;
    writeDraft(DRAFT, userId, values as Record<string, string | string[]>);
    setErrors((item.rejected?.errors ?? {}) as SessionFieldErrors);
    void queue.discard(item.id);
    setOutcome({ kind: "idle" });
    setFormKey((k) => k + 1);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = readForm(event.currentTarget, MULTIPLE);
    setSending(true);
    const check = await loadValidation();
    if (check) {
      const parsed = check.sessionSchema.safeParse(values);
      if (!parsed.success) {
        setSending(false);
        setErrors(check.sessionFieldErrors(parsed.error));
        setOutcome({ kind: "invalid" });
        return;
      }
    }
    const payload = { ...values, id: String(values.id || deviceUuid()), user_id: userId };
    const result = await sendSession(payload);
    setSending(false);
    if (result.kind === "sent") {
      startAfresh();
      setOutcome({ kind: "saved", id: result.id, cooperativeId: result.cooperativeId });
    } else if (result.kind === "offline" || result.kind === "unauthorized") {
      await queue.enqueue(payload, result.kind === "unauthorized");
      startAfresh();
      setOutcome({ kind: "queued" });
    } else if (result.reason === "invalid") {
      setErrors((result.errors ?? {}) as SessionFieldErrors);
      setOutcome({ kind: "invalid" });
    } else {
      setOutcome({ kind: result.reason });
    }
  }

  const shownErrors = outcome.kind === "idle" && state.errors ? state.errors : errors;
  const problem =
    outcome.kind !== "idle" ? outcome.kind : state.status !== "idle" ? state.status : null;
  const message =
    problem === "invalid"
      ? t("form.invalid")
      : problem === "not_found"
        ? t("form.notFound")
        : problem === "forbidden"
          ? t("form.forbidden")
          : problem === "conflict"
            ? t("form.conflict")
            : null;
  const busy = pending || sending;
  return (
    <div className="grid gap-4">
      <QueueStatus queue={queue} signInHref={signInHref} onLoad={loadQueued} />
      {outcome.kind === "saved" && (
        <p role="status" className="text-sm text-success" data-testid="session-saved">
          {t("form.saved")}{" "}
          <Link href={`/cooperatives/${outcome.cooperativeId}`} className="underline">
            {t("form.seeCooperative")}
          </Link>{" "}
          <Link href={`/sessions/${outcome.id}/edit#photos`} className="underline">
            {t("photos.add")}
          </Link>{" "}
          <Link href={`/sessions/${outcome.id}/edit#record`} className="underline">
            {t("record.link")}
          </Link>
        </p>
      )}
      {outcome.kind === "queued" && (
        <p role="status" className="text-sm font-medium" data-testid="session-queued">
          {queue.signInNeeded ? t("form.queuedSignIn") : t("form.queued")}
        </p>
      )}
      <form
        key={formKey}
        ref={formRef}
        action={action}
        onSubmit={submit}
        onFocus={() => void loadValidation()}
        onInput={saveDraft}
        onChange={saveDraft}
        noValidate
        className="grid gap-4 sm:grid-cols-2"
        data-testid="session-form"
      >
        <input ref={idRef} type="hidden" name="id" defaultValue={serverId} />
        {message && (
          <p role="alert" className="text-sm text-destructive sm:col-span-2">
            {message}
          </p>
        )}
        {restored && (
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground sm:col-span-2">
            {t("form.draftRestored")}
            <Button type="button" variant="ghost" size="sm" onClick={startAfresh}>
              {t("form.clear")}
            </Button>
          </p>
        )}
        <SessionFields
          prefix="session"
          cooperatives={cooperatives}
          values={
            state.values ?? { cooperative_id: preselected ? String(preselected) : "", topics: [] }
          }
          errors={shownErrors}
          today={today}
        />
        <div className="sm:col-span-2">
          <Button type="submit" size="lg" className="w-full sm:w-auto" disabled={busy}>
            {busy ? t("form.saving") : t("form.submit")}
          </Button>
        </div>
      </form>
    </div>
  );
}
