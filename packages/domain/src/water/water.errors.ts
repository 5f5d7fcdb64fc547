import { DomainError } from "../shared/domain-error";

export const waterErrors = {
  /** A samples or sections file lacks a required column, so no row can be read. */
  columnsMissing: (file: string, columns: readonly string[]) =>
    new DomainError({
      code: "WATER_IMPORT_COLUMNS_MISSING",
      kind: "invalid",
      text: { zh: `文件 ${file} 缺少必需的列：${columns.join("、")}`, en: `File ${file} lacks required columns: ${columns.join(", ")}` },
      details: {
        fieldErrors: columns.map((c) => ({ path: c, rule: "required_column", message: { zh: `缺少列 ${c}`, en: `Column ${c} is missing` } })),
      },
    }),
};
