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
  /**
   * Figures the import replaces without saying whether they change: counts of people that another
   * workspace put in. Comparing with them would tell the importer a figure hidden from them
   * (small-number protection) by guessing. Absent in summaries made before 2026-11-30.
   */
  replaced?: number;
  removed: number;
  /** Rows of a CSV file without a figure ('', '.', '-' or 'x'), not imported. Absent in summaries made before 2026-11-30. */
  skipped?: number;
  /** A few of the changes, for the preview: gemeente, indicator, period, old and new value. */
  examples: Array<{ workspaceId: string; indicatorId: string; period: string; from: number | null; to: number | null }>;
}
