/** One figure to import: an indicator's value for a gemeente in a year. The source is the import's. */
export interface ImportRow {
  workspaceId: string;
  indicatorId: string;
  period: string;
  value: number;
  /** As the source names the moment, when it is more than the year: CBS's period title ('2023 januari'). */
  peildatum?: string | null;
  /** CBS's status of the period: 'Voorlopig', 'Definitief'… */
  status?: string | null;
}

/** What a CBS import's figures for one indicator are, in CBS's words: kept with the import. */
export interface CbsLink {
  indicatorId: string;
  table: string;
  topic: string;
  /** With its topic groups: 'Bevolking › Leeftijdsgroepen › 65 tot 80 jaar'. */
  topicTitle: string;
  unit: string;
  categories: Array<{ dimension: string; dimensionTitle: string; key: string; title: string }>;
  /** CBS period code without the year: 'JJ00' (a whole year), 'MM01' (January). */
  moment: string;
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
  /** Cells the source left empty (CBS: hidden or unknown; CSV: '', '.', '-', 'x'): not imported. */
  skipped?: number;
  /**
   * Figures whose value stays but whose status changes (CBS: 'Voorlopig' → 'Definitief'): the stored
   * figure is replaced so that it carries the new status. Absent in summaries made before 2026-11-30.
   */
  restated?: number;
  /** The same counts per indicator, with the years that get new figures. Absent in summaries made before 2026-11-30. */
  byIndicator?: Record<string, IndicatorChanges>;
  /** A few of the changes, for the preview: gemeente, indicator, period, old and new value. */
  examples: ImportExample[];
}

export interface IndicatorChanges {
  added: number;
  changed: number;
  restated: number;
  unchanged: number;
  replaced: number;
  removed: number;
  /** Years with a new figure, ascending. */
  addedPeriods: string[];
}

export interface ImportExample {
  workspaceId: string;
  indicatorId: string;
  period: string;
  from: number | null;
  to: number | null;
  /** The status before and after, only where they differ (absent in summaries made before 2026-11-30). */
  fromStatus?: string | null;
  toStatus?: string | null;
}
