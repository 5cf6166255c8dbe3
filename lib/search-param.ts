import { parseListFilters } from "@/lib/filters";

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

/**
 * A name search of the URL besides the list's own `q` (`mentor_q`, `cooperative_q`), read by the
 * rules of `q`: trimmed, at most 200 characters the database can store; undefined when blank.
 */
export function searchParam(params: Params, key: string): string | undefined {
  const value = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
  return parseListFilters({ q: value }).q;
}
