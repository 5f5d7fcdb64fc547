import { db } from "@ecogov/vitest-config";
export default db;
