/** Largest attachment accepted: photos from a phone and scanned PDFs fit; videos do not. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

interface FileType {
  extensions: string[];
  contentType: string;
  /** Leading bytes every such file starts with (checked, so a renamed executable is refused). */
  magic: (head: Uint8Array) => boolean;
}

const starts = (...bytes: number[]) => (head: Uint8Array) => bytes.every((b, i) => head[i] === b);
const ZIP = starts(0x50, 0x4b, 0x03, 0x04);
// Office 97–2003 documents are OLE2 compound files.
const OLE2 = starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);

/** Images, PDF and Office documents: the evidence bureaus accept for progress reports and sign-offs. */
export const ATTACHMENT_TYPES: readonly FileType[] = [
  { extensions: ["jpg", "jpeg"], contentType: "image/jpeg", magic: starts(0xff, 0xd8, 0xff) },
  { extensions: ["png"], contentType: "image/png", magic: starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
  { extensions: ["gif"], contentType: "image/gif", magic: starts(0x47, 0x49, 0x46, 0x38) },
  { extensions: ["webp"], contentType: "image/webp", magic: (h) => starts(0x52, 0x49, 0x46, 0x46)(h) && h[8] === 0x57 && h[9] === 0x45 && h[10] === 0x42 && h[11] === 0x50 },
  { extensions: ["pdf"], contentType: "application/pdf", magic: starts(0x25, 0x50, 0x44, 0x46, 0x2d) },
  { extensions: ["docx"], contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", magic: ZIP },
  { extensions: ["xlsx"], contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: ZIP },
  { extensions: ["pptx"], contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", magic: ZIP },
  { extensions: ["doc"], contentType: "application/msword", magic: OLE2 },
  { extensions: ["xls"], contentType: "application/vnd.ms-excel", magic: OLE2 },
  { extensions: ["ppt"], contentType: "application/vnd.ms-powerpoint", magic: OLE2 },
];

/** The `accept` attribute for a file input offering exactly the allowed types. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(",");

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(-200);
  return cleaned || "file";
}

/**
 * Checks an upload by size, extension and content (the leading bytes must match the extension), so the stored
 * content type never comes from the client.
 */
export function checkAttachment(file: { fileName: string; size: number; head: Uint8Array }, maxBytes = ATTACHMENT_MAX_BYTES):
  | { ok: true; contentType: string; fileName: string }
  | { ok: false; reason: "empty" | "too_large" | "type" } {
  if (file.size === 0) return { ok: false, reason: "empty" };
  if (file.size > maxBytes) return { ok: false, reason: "too_large" };
  const fileName = cleanFileName(file.fileName);
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const type = ATTACHMENT_TYPES.find((t) => ext && t.extensions.includes(ext));
  if (!type || !type.magic(file.head)) return { ok: false, reason: "type" };
  return { ok: true, contentType: type.contentType, fileName };
}
