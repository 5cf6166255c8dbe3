"use client";

import { useSessionQueue } from "@/components/offline/use-session-queue";
import { QueueStatus } from "./queue-status";

/** The device's waiting sessions, shown (and sent) wherever a mentor lands, not only on the form. */
export function QueueBanner({ userId, signInHref }: { userId: number; signInHref: string }) {
  const queue = useSessionQueue(userId);
  return <QueueStatus queue={queue} signInHref={signInHref} />;
}
