"use client";

import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { QueuedSession } from "@/components/offline/session-queue";
import type { useSessionQueue } from "@/components/offline/use-session-queue";
import { formatDate, formatNumber } from "@/lib/format";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config";

type Queue = ReturnType<typeof useSessionQueue>;

/**
 * What waits on this device: the count of sessions waiting to send and why (no network, or a
 * sign-in that expired, with the link to sign in again), and the ones the server refused.
 */
export function QueueStatus({
  queue,
  signInHref,
  onLoad,
}: {
  queue: Queue;
  signInHref: string;
  onLoad?: (item: QueuedSession) => void;
}) {
  const t = useTranslations("sessions.queue");
  const requested = useLocale();
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  const n = (value: number) => formatNumber(locale, value);
  const heldOn = (item: QueuedSession) => {
    const value = String(item.payload.held_on ?? "");
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(locale, value) : value;
  };
  if (queue.waiting === 0 && queue.rejected.length === 0) {
    return queue.sent > 0 ? (
      <p role="status" className="text-sm text-success" data-testid="queue-sent">
        {t("sent", { count: queue.sent, n: n(queue.sent) })}
      </p>
    ) : null;
  }
  return (
    <div className="grid gap-3 rounded-md border border-warning bg-warning/10 p-3 text-sm">
      {queue.waiting > 0 && (
        <div
          role="status"
          className="flex flex-wrap items-center justify-between gap-2"
          data-testid="queue-waiting"
          data-count={queue.waiting}
        >
          <div className="grid gap-1">
            <p className="font-medium">
              {t("waiting", { count: queue.waiting, n: n(queue.waiting) })}
            </p>
            <p className="text-muted-foreground">
              {queue.sending
                ? t("sending")
                : queue.signInNeeded
                  ? t("signInNeeded")
                  : t("whenOnline")}
            </p>
          </div>
          {queue.signInNeeded ? (
            <a
              href={signInHref}
              className="font-medium text-primary underline"
              data-testid="queue-sign-in"
            >
              {t("signIn")}
            </a>
          ) : (
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={queue.sending}
              onClick={() => void queue.flush()}
            >
              {t("retry")}
            </Button>
          )}
        </div>
      )}
      {queue.rejected.length > 0 && (
        <div className="grid gap-2" data-testid="queue-rejected">
          <p className="font-medium text-destructive">{t("rejected")}</p>
          <ul className="grid gap-2">
            {queue.rejected.map((item) => (
              <li key={item.id} className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  {heldOn(item)} · {t(`reasons.${item.rejected!.reason}`)}
                </span>
                <span className="flex gap-2">
                  {onLoad && (
                    <Button type="button" size="sm" variant="outline" onClick={() => onLoad(item)}>
                      {t("load")}
                    </Button>
                  )}
                  <Button
                    type="button"
                    size="sm"
                    variant="ghost"
                    onClick={() => void queue.discard(item.id)}
                  >
                    {t("discard")}
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
