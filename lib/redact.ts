/** What an erased value is replaced with, in the audit log and wherever else it was copied. */
export const ERASED = "[erased]";

export type Redaction = {
  /** Keys whose values are the person's whatever they hold (entries about their own records). */
  keys?: ReadonlySet<string>;
  /** Values removed where a whole string equals one (names, addresses: short names are common words). */
  values: readonly string[];
  /** Values distinctive enough to remove inside longer text too (emails, phone numbers). */
  fragments: readonly string[];
  /**
   * Where whole values are looked for: only under these keys when given (a name equal to a
   * role's key, say, must not erase every role in the log); everywhere otherwise.
   */
  valueKeys?: ReadonlySet<string>;
};

const same = (value: string) => value.trim().toLocaleLowerCase();
const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A copy of a JSON value with the person's values replaced by ERASED. */
export function redactJson(value: unknown, redaction: Redaction): unknown {
  const whole = new Set(
    [...redaction.values, ...redaction.fragments].map(same).filter((v) => v !== ""),
  );
  const fragments = redaction.fragments
    .filter((v) => v.trim().length >= 4)
    .map((v) => new RegExp(escapeRegExp(v.trim()), "giu"));
  const walk = (node: unknown, key?: string): unknown => {
    if (typeof node === "string") {
      const inScope = !redaction.valueKeys || (key !== undefined && redaction.valueKeys.has(key));
      if (inScope && whole.has(same(node))) return ERASED;
      return fragments.reduce((text, pattern) => text.replace(pattern, ERASED), node);
    }
    if (Array.isArray(node)) return node.map((item) => walk(item, key));
    if (typeof node === "object" && node !== null) {
      return Object.fromEntries(
        Object.entries(node).map(([name, child]) => [
          name,
          redaction.keys?.has(name) && child !== null && child !== undefined
            ? ERASED
            : walk(child, name),
        ]),
      );
    }
    return node;
  };
  return walk(value);
}
