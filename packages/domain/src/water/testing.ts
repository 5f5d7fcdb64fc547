/** Shared fixtures of the water rule tests (not exported from the module). */
import type { SectionValues } from "./water.schema";

/** W1 period means (reference §5): the 21 items of 环办〔2011〕22号. */
export const W1: SectionValues = {
  ph: "7.8",
  do: "5.6",
  codmn: "4.8",
  cod: "18",
  bod5: "3.5",
  nh3n: "0.62",
  tp: "0.21",
  cu: "0.004",
  zn: "0.03",
  f: "0.42",
  se: "0.0004",
  as: "0.0012",
  hg: "0.00002",
  cd: "0.0002",
  cr6: "0.004",
  pb: "0.002",
  cn: "0.002",
  volatile_phenol: "0.0015",
  petroleum: "0.02",
  las: "0.05",
  sulfide: "0.01",
};
