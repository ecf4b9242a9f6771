/** One figure to import: an indicator's value for a gemeente in a year. The source is the import's. */
export interface ImportRow {
  workspaceId: string;
  indicatorId: string;
  period: string;
  value: number;
}

export interface ImportSummary {
  rows: number;
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
  /** A few of the changes, for the preview: gemeente, indicator, period, old and new value. */
  examples: Array<{ workspaceId: string; indicatorId: string; period: string; from: number | null; to: number | null }>;
}
