import "@/lib/zod";
import { z } from "zod";
import { AREAS, LEGAL_FORMS, SECTORS, STAGES } from "@/db/schema";
import { isIsoDate, isStorableText } from "@/lib/validation/common";

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function first(params: Params, key: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  const single = Array.isArray(value) ? value[0] : value;
  return single === null || single === undefined || single.trim() === ""
    ? undefined
    : single.trim();
}

const isoDate = z.string().refine(isIsoDate);

function pick<T extends z.ZodType>(schema: T, value: string | undefined): z.infer<T> | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The filters of DOMAIN.md "Filters in URLs and APIs"; an unknown or malformed value is ignored. */
export type ListFilters = {
  q?: string;
  province?: string;
  sector?: (typeof SECTORS)[number];
  stage?: (typeof STAGES)[number];
  legalForm?: (typeof LEGAL_FORMS)[number];
  area?: (typeof AREAS)[number];
  cohortId?: number;
  program?: string;
  womenCoop?: boolean;
  from?: string;
  to?: string;
  sort?: string;
  page: number;
  archived: boolean;
};

export function parseListFilters(params: Params): ListFilters {
  return {
    q: pick(z.string().max(200).refine(isStorableText), first(params, "q")),
    province: pick(z.string().regex(/^[a-z_]{1,40}$/), first(params, "province")),
    sector: pick(z.enum(SECTORS), first(params, "sector")),
    stage: pick(z.enum(STAGES), first(params, "stage")),
    legalForm: pick(z.enum(LEGAL_FORMS), first(params, "legal_form")),
    area: pick(z.enum(AREAS), first(params, "area")),
    cohortId: pick(z.coerce.number().int().positive().max(2_147_483_647), first(params, "cohort")),
    program: pick(z.string().regex(/^[a-z][a-z0-9_]{0,40}$/), first(params, "program")),
    womenCoop: pick(
      z.enum(["true", "false"]).transform((v) => v === "true"),
      first(params, "women_coop"),
    ),
    from: pick(isoDate, first(params, "from")),
    to: pick(isoDate, first(params, "to")),
    sort: pick(z.string().regex(/^-?[a-z_]{1,40}$/), first(params, "sort")),
    page: pick(z.coerce.number().int().min(1).max(100_000), first(params, "page")) ?? 1,
    archived: first(params, "archived") === "1",
  };
}

/** The URL query of a set of filters, with overrides (undefined removes a key). */
export function filtersToQuery(
  filters: ListFilters,
  overrides: Record<string, string | number | undefined> = {},
): string {
  const entries: Record<string, string | number | boolean | undefined> = {
    q: filters.q,
    province: filters.province,
    sector: filters.sector,
    stage: filters.stage,
    legal_form: filters.legalForm,
    area: filters.area,
    cohort: filters.cohortId,
    program: filters.program,
    women_coop: filters.womenCoop,
    from: filters.from,
    to: filters.to,
    sort: filters.sort,
    page: filters.page > 1 ? filters.page : undefined,
    archived: filters.archived ? 1 : undefined,
    ...overrides,
  };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}
