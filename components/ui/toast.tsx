"use client";

import * as React from "react";
import { Direction, Toast as ToastPrimitive } from "radix-ui";
import { cva } from "class-variance-authority";
import { XIcon } from "lucide-react";

import { cn } from "@/lib/utils";

type ToastVariant = "default" | "destructive" | "success";

type ToastOptions = {
  title: React.ReactNode;
  description?: React.ReactNode;
  variant?: ToastVariant;
  duration?: number;
};

type ToastRecord = ToastOptions & { id: number };

const MAX_TOASTS = 3;
const NO_TOASTS: ToastRecord[] = [];

let toasts: ToastRecord[] = NO_TOASTS;
let lastId = 0;
const listeners = new Set<() => void>();

function setToasts(next: ToastRecord[]) {
  toasts = next;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function dismissToast(id: number) {
  setToasts(toasts.filter((item) => item.id !== id));
}

function toast(options: ToastOptions) {
  lastId += 1;
  const id = lastId;
  setToasts([...toasts, { ...options, id }].slice(-MAX_TOASTS));
  return { id, dismiss: () => dismissToast(id) };
}

const toastVariants = cva(
  "pointer-events-auto relative flex w-full items-start gap-3 overflow-hidden rounded-lg border p-4 pe-10 shadow-lg transition-[opacity,translate] duration-200 motion-reduce:transition-none starting:translate-y-2 starting:opacity-0 data-[swipe=cancel]:translate-x-0 data-[swipe=end]:translate-x-(--radix-toast-swipe-end-x) data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x) data-[swipe=move]:transition-none",
  {
    variants: {
      variant: {
        default: "bg-popover text-popover-foreground",
        destructive: "border-destructive bg-destructive text-destructive-foreground",
        success: "border-success bg-success text-white",
      },
    },
    defaultVariants: {
      variant: "default",
    },
  },
);

type ToasterProps = {
  label: string;
  regionLabel: string;
  closeLabel: string;
  duration?: number;
};

function Toaster({ label, regionLabel, closeLabel, duration = 5000 }: ToasterProps) {
  const items = React.useSyncExternalStore(
    subscribe,
    () => toasts,
    () => NO_TOASTS,
  );
  const dir = Direction.useDirection();

  return (
    <ToastPrimitive.Provider
      label={label}
      duration={duration}
      swipeDirection={dir === "rtl" ? "left" : "right"}
    >
      {items.map((item) => (
        <ToastPrimitive.Root
          key={item.id}
          data-slot="toast"
          duration={item.duration}
          onOpenChange={(open) => {
            if (!open) dismissToast(item.id);
          }}
          className={cn(toastVariants({ variant: item.variant }))}
        >
          <div className="grid gap-1">
            <ToastPrimitive.Title data-slot="toast-title" className="text-sm font-semibold">
              {item.title}
            </ToastPrimitive.Title>
            {item.description ? (
              <ToastPrimitive.Description
                data-slot="toast-description"
                className="text-sm opacity-90"
              >
                {item.description}
              </ToastPrimitive.Description>
            ) : null}
          </div>
          <ToastPrimitive.Close
            data-slot="toast-close"
            className="absolute end-2 top-2 rounded-sm p-1 opacity-70 transition-opacity outline-none hover:opacity-100 focus-visible:opacity-100 focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <XIcon className="size-4" aria-hidden="true" />
            <span className="sr-only">{closeLabel}</span>
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport
        label={regionLabel}
        data-slot="toast-viewport"
        className="fixed end-0 bottom-0 z-[100] m-0 flex max-h-dvh w-full list-none flex-col gap-2 p-4 outline-none sm:max-w-sm"
      />
    </ToastPrimitive.Provider>
  );
}

export { Toaster, toast, dismissToast, type ToasterProps, type ToastOptions, type ToastVariant };
