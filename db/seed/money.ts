export function formatMad(centimes: number): string {
  if (!Number.isSafeInteger(centimes))
    throw new Error(`Not a whole number of centimes: ${centimes}`);
  const sign = centimes < 0 ? "-" : "";
  const abs = Math.abs(centimes);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function parseMad(value: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) throw new Error(`Not an amount in MAD: ${value}`);
  const [, sign, units, fraction = "0"] = match;
  const centimes = Number(units) * 100 + Number(fraction.padEnd(2, "0"));
  return sign ? -centimes : centimes;
}
