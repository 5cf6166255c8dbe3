export interface XmlElement {
  attrs: Record<string, string>;
  body: string;
}

const ILLEGAL_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for element content or attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(ILLEGAL_XML, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("\r", "&#13;");
}

/** Excel stores some characters as _xHHHH_; a literal "_xHHHH_" must itself be escaped. */
export function escapeCellText(text: string): string {
  return escapeXml(text.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1"));
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (entity, name: string) => {
    if (!name.startsWith("#")) return NAMED_ENTITIES[name] ?? entity;
    const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

export function decodeCellText(text: string): string {
  return decodeXml(
    text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, data: string) => escapeXml(data)),
  ).replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function parseAttrs(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of source.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs[match[1] ?? ""] = decodeXml(match[2] ?? match[3] ?? "");
  }
  return attrs;
}

/** Elements named `tag` (no namespace prefix), self-closing or not; nested same-name tags unsupported. */
export function* elements(xml: string, tag: string): Generator<XmlElement> {
  const pattern = new RegExp(`<${tag}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${tag}>)`, "g");
  for (const match of xml.matchAll(pattern)) {
    yield { attrs: parseAttrs(match[1] ?? ""), body: match[2] ?? "" };
  }
}

export function firstElement(xml: string, tag: string): XmlElement | undefined {
  for (const element of elements(xml, tag)) return element;
  return undefined;
}
