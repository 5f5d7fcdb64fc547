import type { DataScope } from "../auth/auth.rules";
import type { District, Town, Unit } from "./org.schema";

export interface OrgRepository {
  listDistricts(): Promise<District[]>;
  homeDistrict(): Promise<District | null>;
  /** Towns visible in a scope: all of them, the officer's own, or the unit's town. */
  listTowns(scope: DataScope): Promise<Town[]>;
  listUnits(scope: DataScope): Promise<Unit[]>;
  findTown(id: string): Promise<Town | null>;
  findUnit(id: string): Promise<Unit | null>;
}
