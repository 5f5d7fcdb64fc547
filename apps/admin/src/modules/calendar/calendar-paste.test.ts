import { describe, expect, it } from "vitest";
import { englishHolidayName, parseNotice } from "./calendar-paste";

// The 2026 notice (国办发明电〔2025〕7号) as published, the way an admin pastes it.
const NOTICE_2026 = `一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八）至23日（农历正月初七）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。`;

describe("parseNotice", () => {
  it("reads every rest day and adjusted working day of a State Council notice", () => {
    const r = parseNotice(NOTICE_2026, 2026);
    expect(r.unread).toEqual([]);
    expect(r.restDays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(r.restDays[0]).toEqual({ date: "2026-01-01", name: { zh: "元旦", en: "New Year's Day" } });
    expect(r.restDays.filter((d) => d.name.zh === "春节").map((d) => d.date)).toEqual([
      "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
    ]);
    expect(r.workingDays).toEqual(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]);
  });

  it("puts a New Year block starting in December in the previous year", () => {
    const r = parseNotice("元旦：12月31日至1月2日放假调休，共3天。", 2023);
    expect(r.restDays.map((d) => d.date)).toEqual(["2022-12-31", "2023-01-01", "2023-01-02"]);
    const explicit = parseNotice("元旦：2022年12月31日至2023年1月2日放假调休，共3天。", 2023);
    expect(explicit.restDays.map((d) => d.date)).toEqual(["2022-12-31", "2023-01-01", "2023-01-02"]);
  });

  it("reads plain date lines and reports lines it cannot read", () => {
    const r = parseNotice("2027-01-01 至 2027-01-03 元旦\n上班 2027-02-20\n2027-05-01 劳动节\n春节 二月初", 2027);
    expect(r.restDays.map((d) => `${d.date} ${d.name.zh}`)).toEqual(["2027-01-01 元旦", "2027-01-02 元旦", "2027-01-03 元旦", "2027-05-01 劳动节"]);
    expect(r.workingDays).toEqual(["2027-02-20"]);
    expect(r.unread).toEqual([]);
    expect(parseNotice("春节：2月放假", 2027).unread).toEqual(["春节：2月放假"]);
  });

  it("names the holidays in English", () => {
    expect(englishHolidayName("国庆节、中秋节")).toBe("National Day and Mid-Autumn Festival");
    expect(englishHolidayName("端午节")).toBe("Dragon Boat Festival");
    expect(englishHolidayName("某纪念日")).toBe("某纪念日");
  });
});
