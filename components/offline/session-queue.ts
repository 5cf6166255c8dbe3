/**
 * The device's queue of mentoring sessions that could not be sent: kept in IndexedDB (localStorage
 * where IndexedDB is unavailable) and sent to POST /api/sessions when the connection returns.
 * Every entry carries the id its device made, so sending one twice never makes two sessions.
 */

export type SessionPayload = Record<string, unknown> & { id: string; user_id: number };

export type QueuedSession = {
  id: string;
  userId: number;
  payload: SessionPayload;
  queuedAt: number;
  /** Set when the server refused it for good: the mentor fixes or discards it. */
  rejected?: {
    reason: "invalid" | "not_found" | "forbidden" | "conflict";
    errors?: Record<string, string>;
  };
};

export type SendOutcome =
  | { kind: "sent"; id: string; cooperativeId: number; created: boolean }
  | { kind: "offline" }
  | { kind: "unauthorized" }
  | {
      kind: "rejected";
      reason: "invalid" | "not_found" | "forbidden" | "conflict";
      errors?: Record<string, string>;
    };

export const QUEUE_EVENT = "hadina:session-queue";

const DB_NAME = "hadina-offline";
const STORE = "sessions";
const FALLBACK_KEY = "hadina.session-queue";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let opening: Promise<IDBDatabase | null> | null = null;

function openDb(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "id" });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

function fallbackRead(): QueuedSession[] {
  try {
    return JSON.parse(localStorage.getItem(FALLBACK_KEY) ?? "[]") as QueuedSession[];
  } catch {
    return [];
  }
}

function fallbackWrite(items: QueuedSession[]) {
  localStorage.setItem(FALLBACK_KEY, JSON.stringify(items));
}

async function withStore<T>(
  mode: IDBTransactionMode,
  idb: (store: IDBObjectStore) => Promise<T>,
  fallback: () => T,
): Promise<T> {
  const db = await openDb();
  if (!db) return fallback();
  const tx = db.transaction(STORE, mode);
  const result = await idb(tx.objectStore(STORE));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  return result;
}

function changed() {
  window.dispatchEvent(new Event(QUEUE_EVENT));
}

export async function putQueued(item: QueuedSession): Promise<void> {
  await withStore(
    "readwrite",
    (store) => request(store.put(item)).then(() => undefined),
    () => fallbackWrite([...fallbackRead().filter((i) => i.id !== item.id), item]),
  );
  changed();
}

export async function removeQueued(id: string): Promise<void> {
  await withStore(
    "readwrite",
    (store) => request(store.delete(id)).then(() => undefined),
    () => fallbackWrite(fallbackRead().filter((i) => i.id !== id)),
  );
  changed();
}

/** The entries a user queued on this device, oldest first. */
export async function queuedFor(userId: number): Promise<QueuedSession[]> {
  const all = await withStore(
    "readonly",
    (store) => request(store.getAll() as IDBRequest<QueuedSession[]>),
    fallbackRead,
  );
  return all.filter((item) => item.userId === userId).sort((a, b) => a.queuedAt - b.queuedAt);
}

/** One attempt to send a session; anything but an answer from the server counts as offline. */
export async function sendSession(payload: SessionPayload): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch("/api/sessions", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(payload),
      credentials: "same-origin",
      cache: "no-store",
      redirect: "manual",
    });
  } catch {
    return { kind: "offline" };
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.status === 200 || response.status === 201) {
    return {
      kind: "sent",
      id: String(body?.id ?? payload.id),
      cooperativeId: Number(body?.cooperative_id),
      created: response.status === 201,
    };
  }
  if (response.status === 401 || response.type === "opaqueredirect")
    return { kind: "unauthorized" };
  if (response.status === 400 && body?.errors) {
    return { kind: "rejected", reason: "invalid", errors: body.errors as Record<string, string> };
  }
  if (response.status === 404) return { kind: "rejected", reason: "not_found" };
  if (response.status === 403) return { kind: "rejected", reason: "forbidden" };
  if (response.status === 409) return { kind: "rejected", reason: "conflict" };
  return { kind: "offline" };
}

export type FlushResult = { sent: number; unauthorized: boolean; offline: boolean };

let flushing: Promise<FlushResult> | null = null;

/** Sends a user's waiting entries in order; stops at the first sign of no network or no sign-in. */
export function flushQueue(userId: number): Promise<FlushResult> {
  flushing ??= (async () => {
    const result: FlushResult = { sent: 0, unauthorized: false, offline: false };
    try {
      for (const item of await queuedFor(userId)) {
        if (item.rejected) continue;
        const outcome = await sendSession(item.payload);
        if (outcome.kind === "offline") return { ...result, offline: true };
        if (outcome.kind === "unauthorized") return { ...result, unauthorized: true };
        if (outcome.kind === "sent") {
          await removeQueued(item.id);
          result.sent++;
        } else {
          await putQueued({
            ...item,
            rejected: { reason: outcome.reason, errors: outcome.errors },
          });
        }
      }
      return result;
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}
