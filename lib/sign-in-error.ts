/**
 * What a refused sign-in tells the browser. next-auth v4 passes the message of an error thrown
 * by `authorize` to the client as `error`; an ordinary failure arrives as "CredentialsSignin".
 */
export type SignInFailure =
  { kind: "failed" } | { kind: "unavailable" } | { kind: "throttled"; minutes: number };

const THROTTLED = "throttled:";
export const UNAVAILABLE = "unavailable";

export function throttledError(minutes: number): string {
  return `${THROTTLED}${minutes}`;
}

export function parseSignInError(error: string | null | undefined): SignInFailure {
  if (error === UNAVAILABLE) return { kind: "unavailable" };
  if (error?.startsWith(THROTTLED)) {
    const minutes = Number(error.slice(THROTTLED.length));
    if (Number.isInteger(minutes) && minutes > 0 && minutes <= 1440) {
      return { kind: "throttled", minutes };
    }
  }
  return { kind: "failed" };
}
