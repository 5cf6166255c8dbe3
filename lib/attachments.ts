/** The largest evidence file kept (the database's check constraint says the same). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export const ATTACHMENT_TYPES = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "application/pdf",
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/**
 * The file's type read from its first bytes, never from its name or the browser's claim: a
 * renamed script is not a photo. Null for anything but JPEG, PNG, WebP and PDF.
 */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return "image/webp";
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  return null;
}

export type AttachmentProblem = "empty" | "too_large" | "unsupported";

/** What is wrong with an uploaded file, or its type when it may be kept. */
export function checkAttachment(
  bytes: Uint8Array,
): { ok: true; contentType: AttachmentType } | { ok: false; reason: AttachmentProblem } {
  if (bytes.byteLength === 0) return { ok: false, reason: "empty" };
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) return { ok: false, reason: "too_large" };
  const contentType = sniffAttachmentType(bytes);
  return contentType ? { ok: true, contentType } : { ok: false, reason: "unsupported" };
}

const EXTENSIONS: Record<AttachmentType, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "application/pdf": "pdf",
};

/** The name as shown and downloaded: no folders, no control characters, at most 200 characters. */
export function cleanFilename(raw: string, contentType: AttachmentType): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  const name = base
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .toWellFormed()
    .trim()
    .slice(0, 200);
  return name === "" || name === "." || name === ".."
    ? `attachment.${EXTENSIONS[contentType]}`
    : name;
}

/** RFC 6266: an ASCII fallback and the UTF-8 name (Arabic file names survive). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
