/** One column of a BaseTable. */
export interface BaseTableColumn {
  key: string;
  label: string;
  align?: "start" | "end" | "center";
  nowrap?: boolean;
  /** Renders the header as visually hidden text (e.g. an actions column). */
  hideLabel?: boolean;
}
