/**
 * The session form's limits, without zod: client components (the form's fields) import them from
 * here, so a page that shows the form does not load zod and the schemas in its first load.
 * `lib/validation/session` re-exports them for server code.
 */

export const MAX_DURATION_MINUTES = 720;
export const MAX_ATTENDEES = 1000;
export const MAX_NOTES = 5000;
export const MAX_NEXT_STEPS = 2000;
/** A follow-up is planned within a year of the session. */
export const FOLLOW_UP_MAX_DAYS = 366;

/** More running assignments than this, and staff see the mentor as overloaded. */
export const MENTOR_MAX_COOPERATIVES = 20;
/** A cooperative without a session, or a mentor without one, for longer than this is flagged. */
export const SILENT_DAYS = 30;
