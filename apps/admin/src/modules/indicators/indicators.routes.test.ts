import { canEnterAirData } from "@ecogov/domain/air";
import { ROLES, SECTIONS } from "@ecogov/domain/auth";
import { describe, expect, it } from "vitest";
import { INDICATOR_IMPORT_ROLES, INDICATOR_VIEW_ROLES } from "./indicators.routes";

describe("indicators routes", () => {
  it("let the roles the API lets read indicators open the pages", () => {
    expect([...INDICATOR_VIEW_ROLES].sort()).toEqual(["admin", "leader", ...SECTIONS].sort());
  });

  it("offer the import to exactly the roles that may enter air data", () => {
    expect([...INDICATOR_IMPORT_ROLES].sort()).toEqual(ROLES.filter((r) => canEnterAirData(r)).sort());
  });
});
