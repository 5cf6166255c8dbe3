"use client";

import { useCallback, useEffect, useState } from "react";
import {
  QUEUE_EVENT,
  flushQueue,
  putQueued,
  queuedFor,
  removeQueued,
  type QueuedSession,
  type SessionPayload,
} from "./session-queue";

/** How often a waiting queue is tried again, besides the browser's `online` event. */
const RETRY_MS = 20_000;

export type QueueState = {
  /** Entries waiting to be sent. */
  waiting: number;
  /** Entries the server refused: the mentor corrects or discards them. */
  rejected: QueuedSession[];
  sending: boolean;
  /** The server answered 401: the queue waits for the mentor to sign in again. */
  signInNeeded: boolean;
  offline: boolean;
  /** Entries sent since the page opened. */
  sent: number;
};

/** The device's queue of one user's sessions: counts, and sending when the connection returns. */
export function useSessionQueue(userId: number) {
  const [state, setState] = useState<QueueState>({
    waiting: 0,
    rejected: [],
    sending: false,
    signInNeeded: false,
    offline: false,
    sent: 0,
  });

  const refresh = useCallback(async () => {
    const items = await queuedFor(userId);
    setState((s) => ({
      ...s,
      waiting: items.filter((i) => !i.rejected).length,
      rejected: items.filter((i) => i.rejected),
    }));
    return items;
  }, [userId]);

  const flush = useCallback(async () => {
    const items = await refresh();
    if (!items.some((i) => !i.rejected)) return;
    setState((s) => ({ ...s, sending: true }));
    const result = await flushQueue(userId);
    setState((s) => ({
      ...s,
      sending: false,
      signInNeeded: result.unauthorized,
      offline: result.offline,
      sent: s.sent + result.sent,
    }));
    await refresh();
  }, [refresh, userId]);

  useEffect(() => {
    const onChange = () => void refresh();
    const onOnline = () => void flush();
    const onVisible = () => document.visibilityState === "visible" && void flush();
    window.addEventListener(QUEUE_EVENT, onChange);
    window.addEventListener("online", onOnline);
    document.addEventListener("visibilitychange", onVisible);
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    const first = window.setTimeout(() => void flush(), 0);
    return () => {
      window.clearTimeout(first);
      window.removeEventListener(QUEUE_EVENT, onChange);
      window.removeEventListener("online", onOnline);
      document.removeEventListener("visibilitychange", onVisible);
      window.clearInterval(timer);
    };
  }, [flush, refresh]);

  const enqueue = useCallback(
    async (payload: SessionPayload, signInNeeded: boolean) => {
      await putQueued({ id: payload.id, userId, payload, queuedAt: Date.now() });
      setState((s) => ({ ...s, signInNeeded, offline: !signInNeeded }));
    },
    [userId],
  );

  const discard = useCallback((id: string) => removeQueued(id), []);

  return { ...state, flush, enqueue, discard };
}
