import { PublicRoundSchema, publicRound, publicRounds } from "@ecogov/domain/supervision-tasks";
import { z } from "zod";
import { route } from "./open-data.route";


/** Rectification progress of the disclosed inspection rounds: problems, measures, status and completion dates. */
export const SUPERVISION_OPEN_DATA_ROUTES = [
  route({
    path: "/supervision/rounds",
    summary: {
      zh: "已公开督察轮次的整改进展：每个反馈问题及其整改措施的状态和完成日期、交办案件办理结果",
      en: "Rectification progress of disclosed inspection rounds: each feedback problem, its measures' status and completion date, assigned-case outcomes",
    },
    query: z.object({ code: z.string().trim().min(1).max(60).optional() }),
    response: z.object({ items: z.array(PublicRoundSchema) }),
    async handler(deps, query) {
      const read = { read: deps.read, clock: deps.auth.clock };
      const codes = (await publicRounds(read)).map((r) => r.code).filter((c) => !query.code || c === query.code);
      const items = [];
      for (const code of codes) items.push(await publicRound(read, code));
      return { items };
    },
  }),
];
