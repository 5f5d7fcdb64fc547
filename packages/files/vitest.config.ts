import { unit } from "@ecogov/vitest-config";
export default unit;
