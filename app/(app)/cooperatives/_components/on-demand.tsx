"use client";

import { usePathname, useSearchParams } from "next/navigation";
import {
  useEffect,
  useId,
  useState,
  useSyncExternalStore,
  useTransition,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from "react";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** Loads a module once; a failed load is forgotten, so the next attempt tries again. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

const noSubscription = () => () => {};

/**
 * A form shown on demand, so that a page listing many things does not carry all their forms in its
 * HTML and first-load JavaScript. The control is a link to this page with `param=value` in the
 * query, which the server renders with the form open: that is the path before JavaScript runs (one
 * form at a time). Once hydrated it is a button: `load` fetches the form's code (already on pointer
 * over or focus, or when the browser is idle with `idle`), then the form opens in place, several
 * at once, and stays open across refreshes; the address is updated as the link would have. A load
 * that fails follows the link instead.
 */
export function OnDemand({
  param,
  value,
  hash,
  label,
  load,
  idle = false,
  clear = [],
  describedBy,
  testId,
  id,
  className,
  children,
}: {
  param: string;
  value: string;
  /** The element to scroll to when the link is followed (the form's item or section). */
  hash: string;
  label: string;
  load: () => Promise<unknown>;
  /** Fetch the code when the browser is idle after the page loads (a frequent form). */
  idle?: boolean;
  /** Other query parameters that only make sense with this form open (dropped by the link). */
  clear?: string[];
  describedBy?: string;
  testId?: string;
  /** The container's id, when it is the element `hash` names. */
  id?: string;
  className?: string;
  /** The form, a React.lazy component: rendered only while open, so its code loads only then. */
  children: ReactNode;
}) {
  const search = useSearchParams();
  const pathname = usePathname();
  const [open, setOpen] = useState(() => search.get(param) === value);
  const [pending, startTransition] = useTransition();
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const panelId = useId();

  useEffect(() => {
    if (!idle) return;
    const fetchCode = () => void load().catch(() => undefined);
    if (typeof window.requestIdleCallback === "function") {
      const handle = window.requestIdleCallback(fetchCode, { timeout: 3000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = window.setTimeout(fetchCode, 1500);
    return () => window.clearTimeout(timer);
  }, [idle, load]);

  const query = new URLSearchParams(search.toString());
  for (const name of [param, ...clear]) query.delete(name);
  if (!open) query.set(param, value);
  const rest = query.toString();
  const href = `${pathname}${rest ? `?${rest}` : ""}#${hash}`;

  // The address names the form last opened, so that a reload (a phone's browser discarding the
  // tab while the camera takes a photo) opens it again; history keeps no entry per toggle.
  const toggle = () => {
    if (open) {
      setOpen(false);
      if (search.get(param) === value) window.history.replaceState(null, "", href);
      return;
    }
    startTransition(async () => {
      const loaded = await load().then(
        () => true,
        () => false,
      );
      // A full page load: the server renders the form open, no client code needed.
      if (!loaded) return window.location.assign(new URL(href, window.location.href));
      startTransition(() => setOpen(true));
      window.history.replaceState(null, "", href);
    });
  };
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    // A new tab or window follows the link.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    if (!pending) toggle();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLAnchorElement>) => {
    // Enter follows the link's click; a button also answers to Space.
    if (event.key !== " " || !hydrated) return;
    event.preventDefault();
    if (!pending) toggle();
  };
  const prefetch = () => void load().catch(() => undefined);

  return (
    <div id={id} className={cn("grid scroll-mt-20 gap-2", className)}>
      <a
        href={href}
        role={hydrated ? "button" : undefined}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-describedby={describedBy}
        aria-busy={pending || undefined}
        data-testid={testId}
        className={cn(buttonVariants({ variant: "outline", size: "sm" }), "w-fit")}
        onClick={onClick}
        onKeyDown={onKeyDown}
        onPointerEnter={prefetch}
        onFocus={prefetch}
      >
        {label}
        <span
          aria-hidden="true"
          className={cn("icon-chevron-down", open && "rotate-180", pending && "animate-pulse")}
        />
      </a>
      {/* No Suspense boundary: on the server a form whose code is loading holds the page back
          instead of streaming in later (hidden without JavaScript); in the browser it opens in a
          transition, once its code is here. */}
      {open && <div id={panelId}>{children}</div>}
    </div>
  );
}
