/**
 * Turns an xlsx cell into the text a user sees in the spreadsheet, so an xlsx file and its CSV export read the same.
 *
 * - Numbers: up to 15 significant digits (what Excel displays in the General format; the stored double 0.1+0.2
 *   shows as 0.3), or the fixed number of decimals of a plain `0`, `0.0`, `0.00`… format. Other number formats
 *   (thousands separators, percent, currency) are read as General: data files rarely use them and their display
 *   text would not parse as a number anyway.
 * - Dates: Excel stores a serial number without a time zone and exceljs maps it onto UTC, so the UTC fields are the
 *   wall-clock text the user typed: `YYYY-MM-DD` for a date-only format, else `YYYY-MM-DD HH:mm` (`:ss` when the
 *   format shows seconds or they are not zero). An offset is never invented.
 * - Formulas show their cached result; rich text its plain text; hyperlinks their text; errors their code (#N/A);
 *   booleans TRUE / FALSE like Excel.
 */
export function cellText(value: unknown, numFmt: string | undefined, dateTimeOffset?: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value, numFmt);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateText(value, numFmt, dateTimeOffset);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; formula?: string; sharedFormula?: string; result?: unknown; text?: unknown; error?: string; hyperlink?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("result" in v || v.formula !== undefined || v.sharedFormula !== undefined) {
      const result = v.result;
      if (typeof result === "number" && numFmt && isDateFormat(numFmt)) return dateText(excelSerialToDate(result), numFmt, dateTimeOffset);
      return cellText(result, numFmt, dateTimeOffset);
    }
    if (v.error !== undefined) return v.error;
    if (v.text !== undefined) return cellText(v.text, numFmt, dateTimeOffset);
  }
  return String(value);
}

const FIXED_FORMAT = /^0(?:\.(0+))?$/;

function numberText(n: number, numFmt: string | undefined): string {
  if (!Number.isFinite(n)) return String(n);
  const fixed = numFmt ? FIXED_FORMAT.exec(numFmt.trim()) : null;
  // Rounding the 15-digit text (not the double) keeps 2.675 with format 0.00 at "2.68", as Excel shows it.
  const general = plainDecimal(Number(n.toPrecision(15)));
  if (fixed) return roundDecimalText(general, fixed[1]?.length ?? 0);
  return general;
}

/** A double as plain decimal text, never in exponent form (1e-7 → "0.0000001"). */
function plainDecimal(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  const [mantissa = "", exp = "0"] = text.toLowerCase().split("e");
  const negative = mantissa.startsWith("-");
  const [int = "", frac = ""] = mantissa.replace("-", "").split(".");
  const digits = int + frac;
  const point = int.length + Number(exp);
  const body =
    point <= 0 ? `0.${"0".repeat(-point)}${digits}` : point >= digits.length ? digits + "0".repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? "-" : "") + body;
}

/** Rounds decimal text half away from zero (Excel's display rounding) to `places` decimals. */
function roundDecimalText(text: string, places: number): string {
  const negative = text.startsWith("-");
  const [int = "0", frac = ""] = text.replace("-", "").split(".");
  const padded = (frac + "0".repeat(places + 1)).slice(0, places + 1);
  let digits = BigInt(int + padded.slice(0, places));
  if (Number(padded[places] ?? "0") >= 5) digits += 1n;
  let s = digits.toString().padStart(places + 1, "0");
  if (places > 0) s = `${s.slice(0, -places)}.${s.slice(-places)}`;
  return (negative && /[1-9]/.test(s) ? "-" : "") + s;
}

function isDateFormat(fmt: string): boolean {
  // Strip quoted literals and bracketed colours/locales, then look for date or time tokens.
  const bare = fmt.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
  return /[ymdhs]/i.test(bare);
}

function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function dateText(d: Date, numFmt: string | undefined, offset?: string): string {
  if (Number.isNaN(d.getTime())) return "";
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const bare = (numFmt ?? "").replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
  const showsTime = /[hs]/i.test(bare);
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (!showsTime && h === 0 && m === 0 && s === 0) return date;
  const showsSeconds = /s/i.test(bare) || s !== 0;
  const time = `${pad(h)}:${pad(m)}${showsSeconds ? `:${pad(s)}` : ""}`;
  return offset ? `${date}T${time}${offset}` : `${date} ${time}`;
}
