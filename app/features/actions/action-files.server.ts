// The action list as a file: CSV for Dutch Excel and any tool, XLSX with real dates and a frozen header.
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database, Workspace } from '../../../db/schema.ts';
import { ACTION_STATUS_LABELS, PRIORITY_LABELS } from '../../core/labels.ts';
import { excelCsv } from '../../lib/csv.ts';
import { formatDate, formatDateTime, netherlandsWallClock, todayInNetherlands } from '../../lib/time.ts';
import { ACTION_LEVEL_LABELS, onlyOverdue, parseActionFilter, sortActions } from './action-forms.ts';
import { isActionOverdue } from './action-status.ts';
import { actionScope, knelpuntenByAction, listActions, type ActionView } from './actions.server.ts';

export const ACTION_FILE_HEADER = [
  'Werkruimte',
  'Titel',
  'Niveau',
  'Status',
  'Voortgang %',
  'Prioriteit',
  'Eigenaar (persoon)',
  'Eigenaar (organisatie)',
  'Aandachtsgroep',
  'Knelpunten',
  'Plankop',
  'Streefdatum',
  'Te laat',
  'Woondeal',
  'Besloten in overleg',
  'Laatst gewijzigd',
] as const;

export interface ActionFileRow {
  action: ActionView;
  knelpunten: ReadonlyArray<{ title: string }>;
}

/** The values of one line; dates as ISO text here, shown per format below. */
function fields({ action, knelpunten }: ActionFileRow, now: Date) {
  return {
    workspace: action.workspaceName,
    title: action.title,
    level: ACTION_LEVEL_LABELS[action.level],
    status: ACTION_STATUS_LABELS[action.status],
    progress: action.progress,
    priority: PRIORITY_LABELS[action.priority],
    ownerUser: action.ownerUserName ?? '',
    ownerOrganisation: action.ownerOrganisationName ?? '',
    targetGroup: action.targetGroupName ?? '',
    knelpunten: knelpunten.map((k) => k.title).join('; '),
    heading: action.heading ? `${action.documentTitle ?? 'Document'} – ${action.heading}` : '',
    dueDate: action.dueDate,
    overdue: isActionOverdue(action, now) ? 'ja' : 'nee',
    woondeal: action.woondealName ?? '',
    meeting: action.meetingTitle
      ? `${action.meetingTitle}${action.meetingDate ? ` (${formatDate(action.meetingDate)})` : ''}`
      : '',
    updatedAt: action.updatedAt,
  };
}

type Fields = ReturnType<typeof fields>;

/** One line in the order of ACTION_FILE_HEADER; each format says how it writes the progress and the dates. */
function cells<P, D, T>(
  f: Fields,
  show: { progress: (value: number) => P; date: (isoDate: string | null) => D; dateTime: (iso: string) => T }
) {
  return [
    f.workspace,
    f.title,
    f.level,
    f.status,
    show.progress(f.progress),
    f.priority,
    f.ownerUser,
    f.ownerOrganisation,
    f.targetGroup,
    f.knelpunten,
    f.heading,
    show.date(f.dueDate),
    f.overdue,
    f.woondeal,
    f.meeting,
    show.dateTime(f.updatedAt),
  ];
}

export function actionsCsv(rows: readonly ActionFileRow[], now = new Date()): string {
  return excelCsv([
    [...ACTION_FILE_HEADER],
    ...rows.map((row) => cells(fields(row, now), { progress: (value) => value, date: formatDate, dateTime: formatDateTime })),
  ]);
}

/** A calendar date as Excel's date (midnight, no time zone). */
function excelDate(isoDate: string | null): Date | null {
  return isoDate ? new Date(`${isoDate}T00:00:00Z`) : null;
}

const MINUTE_MS = 60_000;

/** An instant as the Dutch clock showed it, to the minute: Excel has no time zones, so the cell holds local time. */
function excelDateTime(iso: string): Date {
  return new Date(Math.floor(netherlandsWallClock(new Date(iso)) / MINUTE_MS) * MINUTE_MS);
}

export async function actionsXlsx(rows: readonly ActionFileRow[], title: string, now = new Date()): Promise<Blob> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Thuisplan';
  const sheet = workbook.addWorksheet('Acties', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
    headerFooter: { oddFooter: `&L${title.replace(/&/g, '&&')} &D&RPagina &P van &N` },
  });
  const lines = rows.map((row) => fields(row, now));
  // Column widths from the text each cell shows; numbers and dates at their widest.
  const widest = { progress: () => '100 %', date: () => '31-12-2026', dateTime: () => '31-12-2026 23:59' };
  const texts = lines.map((f) => cells(f, widest));
  sheet.columns = ACTION_FILE_HEADER.map((header, column) => ({
    header,
    width: Math.min(60, Math.max(header.length + 4, ...texts.map((t) => t[column]!.length + 2))),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const f of lines) {
    const row = sheet.addRow(cells(f, { progress: (value) => value, date: excelDate, dateTime: excelDateTime }));
    row.getCell(5).numFmt = '0';
    row.getCell(12).numFmt = 'dd-mm-yyyy';
    row.getCell(16).numFmt = 'dd-mm-yyyy hh:mm';
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + lines.length, column: ACTION_FILE_HEADER.length } };
  return new Blob([await workbook.xlsx.writeBuffer()]);
}

/** "acties-enschede-2026-11-30.csv": what, where and when, safe as a file name. */
export function actionsFileName(slug: string, extension: 'csv' | 'xlsx', now = new Date()): string {
  return `acties-${slug.replace(/[^a-z0-9-]/g, '')}-${todayInNetherlands(now)}.${extension}`;
}

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The list as it is filtered on the page (the same address query), as a file of this workspace. */
export async function actionsFile(
  db: Kysely<Database>,
  workspace: Workspace,
  params: URLSearchParams,
  format: 'csv' | 'xlsx',
  now = new Date()
): Promise<{ body: string | Blob; type: string; fileName: string }> {
  const filter = parseActionFilter(params);
  const found = await listActions(db, await actionScope(db, workspace), filter);
  const actions = sortActions(onlyOverdue(found, filter.overdue, now), filter.sort);
  const knelpunten = await knelpuntenByAction(
    db,
    actions.map((a) => a.id)
  );
  const rows = actions.map((action) => ({ action, knelpunten: knelpunten.get(action.id) ?? [] }));
  return {
    body: format === 'csv' ? actionsCsv(rows, now) : await actionsXlsx(rows, `Acties ${workspace.name}`, now),
    type: TYPES[format],
    fileName: actionsFileName(workspace.slug, format, now),
  };
}
