import type { RestDay } from "@ecogov/domain/calendar";

/** The statutory holidays' English names (全国年节及纪念日放假办法), for the names a notice gives in Chinese. */
const ENGLISH: [RegExp, string][] = [
  [/国庆.*中秋|中秋.*国庆/, "National Day and Mid-Autumn Festival"],
  [/元旦/, "New Year's Day"],
  [/春节/, "Spring Festival"],
  [/清明/, "Qingming Festival"],
  [/劳动节|五一/, "Labour Day"],
  [/端午/, "Dragon Boat Festival"],
  [/中秋/, "Mid-Autumn Festival"],
  [/国庆/, "National Day"],
];

export function englishHolidayName(zh: string): string {
  return ENGLISH.find(([re]) => re.test(zh))?.[1] ?? zh;
}

export interface PastedNotice {
  restDays: RestDay[];
  workingDays: string[];
  /** Lines with dates that could not be read, so the admin checks them by hand. */
  unread: string[];
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && out.length < 40; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const CN_DATE = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日/g;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/g;

/** Dates of one sentence in notice style (1月1日至3日, 2022年12月31日至2023年1月2日), months and years carried forward. */
function chineseDates(sentence: string, year: number): string[] {
  const out: string[] = [];
  let y: number | null = null;
  let m: number | null = null;
  for (const match of sentence.matchAll(CN_DATE)) {
    if (match[1]) y = Number(match[1]);
    if (match[2]) m = Number(match[2]);
    if (m === null) return [];
    out.push(iso(y ?? year, m, Number(match[3])));
  }
  // "12月31日至1月2日" in the New Year block: the first day is in the previous December.
  if (out.length === 2 && !/\d{4}年/.test(sentence) && out[0]!.slice(5, 7) === "12" && out[1]!.slice(5, 7) === "01") out[0] = `${year - 1}${out[0]!.slice(4)}`;
  return out;
}

/**
 * Reads holiday dates pasted from the State Council notice (国务院办公厅关于部分节假日安排的通知), line by line:
 * "元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。", or plain lines such as
 * "2027-01-01 至 2027-01-03 元旦" and "上班 2027-02-20". Rest days get the holiday's name in both languages.
 */
export function parseNotice(text: string, year: number): PastedNotice {
  const restDays: RestDay[] = [];
  const workingDays: string[] = [];
  const unread: string[] = [];
  const addRest = (date: string, zh: string) => {
    if (!restDays.some((r) => r.date === date)) restDays.push({ date, name: { zh, en: englishHolidayName(zh) } });
  };
  const addWork = (date: string) => {
    if (!workingDays.includes(date)) workingDays.push(date);
  };

  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/（[^）]*）|\([^)]*\)/g, "").replace(/^\s*[一二三四五六七八九十\d]+[、.．]\s*/, "").trim();
    if (!line) continue;
    let found = false;

    if (ISO_DATE.test(line)) {
      ISO_DATE.lastIndex = 0;
      const dates = line.match(ISO_DATE) ?? [];
      const rest = line.replace(ISO_DATE, "").replace(/[至~～到\-–—,，、:：]|\bto\b/g, " ").trim();
      if (/上班|补班|work/i.test(line)) dates.forEach(addWork);
      else if (dates.length === 2 && /至|~|～|到|\bto\b|\s[-–—]\s/.test(line)) eachDay(dates[0]!, dates[1]!).forEach((d) => addRest(d, rest || "节假日"));
      else dates.forEach((d) => addRest(d, rest || "节假日"));
      found = dates.length > 0;
    } else {
      const [head, ...tail] = line.split(/[：:]/);
      const name = tail.length ? head!.trim() : "";
      const body = tail.length ? tail.join("：") : line;
      for (const sentence of body.split(/[。；;]/)) {
        const dates = chineseDates(sentence, year);
        if (!dates.length) continue;
        if (/上班|补班/.test(sentence)) dates.forEach(addWork);
        else if (/放假|休息|休假/.test(sentence) && name) {
          if (dates.length >= 2 && /至|到|—|-|~/.test(sentence)) eachDay(dates[0]!, dates[1]!).forEach((d) => addRest(d, name));
          else dates.forEach((d) => addRest(d, name));
        } else continue;
        found = true;
      }
    }
    if (!found && /\d/.test(line)) unread.push(raw.trim());
  }
  restDays.sort((a, b) => a.date.localeCompare(b.date));
  workingDays.sort();
  return { restDays, workingDays, unread };
}
