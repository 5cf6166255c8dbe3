"use client";

import { startTransition, type FormEvent } from "react";

/**
 * React resets a form after its action runs, and a reset puts native selects back to their
 * first option. Submitting through this handler keeps what the user entered on screen while the
 * form still works as a plain HTML form before JavaScript loads (its `action` stays in place).
 */
export function submitKeepingValues(action: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => action(data));
  };
}
