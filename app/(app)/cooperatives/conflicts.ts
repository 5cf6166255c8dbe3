import type { cooperatives } from "@/db/schema";
import { toColumns, type CooperativeInput } from "@/lib/validation/cooperative";

export type ConflictField = { field: keyof CooperativeInput; theirs: string; yours: string };

const COLUMN_OF: Record<keyof CooperativeInput, keyof ReturnType<typeof toColumns>> = {
  name: "name",
  name_latin: "nameLatin",
  legal_form: "legalForm",
  sector: "sector",
  province: "province",
  commune: "commune",
  area: "area",
  registration_number: "registrationNumber",
  registered_on: "registeredOn",
  court: "court",
  founded_on: "foundedOn",
  women_coop: "womenCoop",
  members_total: "membersTotal",
  members_women: "membersWomen",
  members_youth: "membersYouth",
  share_capital_mad: "shareCapitalMad",
  cohort_id: "cohortId",
  contact_name: "contactName",
  phone: "phone",
  email: "email",
  address: "address",
};

function show(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** Fields where the record saved by someone else differs from what this user submitted. */
export function conflictFields(
  mine: CooperativeInput,
  current: typeof cooperatives.$inferSelect,
): ConflictField[] {
  const yours = toColumns(mine);
  return (Object.keys(COLUMN_OF) as (keyof CooperativeInput)[])
    .map((field) => {
      const column = COLUMN_OF[field];
      return { field, theirs: show(current[column]), yours: show(yours[column]) };
    })
    .filter((entry) => entry.theirs !== entry.yours);
}
