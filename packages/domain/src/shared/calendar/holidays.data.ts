import type { BilingualText } from "../domain-error";
import type { HolidayYear, RestDay } from "./calendar";

// Transcribed from the General Office of the State Council's yearly notices (国务院办公厅关于XXXX年部分节假日安排的通知)
// via /work/shared/reference/procedures.md §1.3. Dates are listed one by one, not as ranges, so each line can be
// checked against the notice. Weekend days inside a holiday block are listed too so that they carry its name.

const NEW_YEAR: BilingualText = { zh: "元旦", en: "New Year's Day" };
const SPRING: BilingualText = { zh: "春节", en: "Spring Festival" };
const QINGMING: BilingualText = { zh: "清明节", en: "Qingming Festival" };
const LABOUR: BilingualText = { zh: "劳动节", en: "Labour Day" };
const DRAGON_BOAT: BilingualText = { zh: "端午节", en: "Dragon Boat Festival" };
const MID_AUTUMN: BilingualText = { zh: "中秋节", en: "Mid-Autumn Festival" };
const NATIONAL: BilingualText = { zh: "国庆节", en: "National Day" };
const MID_AUTUMN_NATIONAL: BilingualText = { zh: "中秋节、国庆节", en: "Mid-Autumn Festival and National Day" };
const NATIONAL_MID_AUTUMN: BilingualText = { zh: "国庆节、中秋节", en: "National Day and Mid-Autumn Festival" };

const rest = (name: BilingualText, ...dates: string[]): RestDay[] => dates.map((date) => ({ date, name }));

/** Notice of 2022-12-08 (gov.cn content_5730844); New Year's Day starts on 2022-12-31. */
const Y2023: HolidayYear = {
  year: 2023,
  restDays: [
    ...rest(NEW_YEAR, "2022-12-31", "2023-01-01", "2023-01-02"),
    ...rest(SPRING, "2023-01-21", "2023-01-22", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26", "2023-01-27"),
    ...rest(QINGMING, "2023-04-05"),
    ...rest(LABOUR, "2023-04-29", "2023-04-30", "2023-05-01", "2023-05-02", "2023-05-03"),
    ...rest(DRAGON_BOAT, "2023-06-22", "2023-06-23", "2023-06-24"),
    ...rest(MID_AUTUMN_NATIONAL, "2023-09-29", "2023-09-30", "2023-10-01", "2023-10-02", "2023-10-03", "2023-10-04", "2023-10-05", "2023-10-06"),
  ],
  workingDays: ["2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08"],
};

/** Notice of 2023-10 (gov.cn content_6911527); New Year's Day is joined to the weekend 2023-12-30/31. */
const Y2024: HolidayYear = {
  year: 2024,
  restDays: [
    ...rest(NEW_YEAR, "2023-12-30", "2023-12-31", "2024-01-01"),
    ...rest(SPRING, "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16", "2024-02-17"),
    ...rest(QINGMING, "2024-04-04", "2024-04-05", "2024-04-06"),
    ...rest(LABOUR, "2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04", "2024-05-05"),
    ...rest(DRAGON_BOAT, "2024-06-08", "2024-06-09", "2024-06-10"),
    ...rest(MID_AUTUMN, "2024-09-15", "2024-09-16", "2024-09-17"),
    ...rest(NATIONAL, "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05", "2024-10-06", "2024-10-07"),
  ],
  workingDays: ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"],
};

/** Notice of 2024-11 (gov.cn content_6986383), the first under the 2024 revision adding 除夕 and 05-02. */
const Y2025: HolidayYear = {
  year: 2025,
  restDays: [
    ...rest(NEW_YEAR, "2025-01-01"),
    ...rest(SPRING, "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04"),
    ...rest(QINGMING, "2025-04-04", "2025-04-05", "2025-04-06"),
    ...rest(LABOUR, "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05"),
    ...rest(DRAGON_BOAT, "2025-05-31", "2025-06-01", "2025-06-02"),
    ...rest(NATIONAL_MID_AUTUMN, "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08"),
  ],
  workingDays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
};

/** Notice of 2025-11 (gov.cn content_7047090). */
const Y2026: HolidayYear = {
  year: 2026,
  restDays: [
    ...rest(NEW_YEAR, "2026-01-01", "2026-01-02", "2026-01-03"),
    ...rest(SPRING, "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23"),
    ...rest(QINGMING, "2026-04-04", "2026-04-05", "2026-04-06"),
    ...rest(LABOUR, "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05"),
    ...rest(DRAGON_BOAT, "2026-06-19", "2026-06-20", "2026-06-21"),
    ...rest(MID_AUTUMN, "2026-09-25", "2026-09-26", "2026-09-27"),
    ...rest(NATIONAL, "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"),
  ],
  workingDays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
};

/** Built-in holiday years; a year not listed here is computed with weekends-only rules and flagged provisional. */
export const HOLIDAY_YEARS: readonly HolidayYear[] = [Y2023, Y2024, Y2025, Y2026];
