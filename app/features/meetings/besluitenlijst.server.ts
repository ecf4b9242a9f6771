// A meeting's besluitenlijst as a Word document ready to send: what was decided, by whom, by when, and
// whether an action follows it; the status of the minutes; page numbers in the footer.
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ACTION_STATUS_LABELS } from '../../core/labels.ts';
import { formatDate, formatDateTime } from '../../lib/time.ts';
import { dutchStyles } from '../documents/document-docx.ts';
import type { MeetingView } from './meetings.server.ts';
import { besluitenlijstTitle, formatLongDate, minutesStatus, timeRange } from './meeting-text.ts';

const COLUMNS = ['Nr.', 'Besluit', 'Eigenaar', 'Streefdatum', 'Actie'] as const;

// A4 portrait with 2 cm margins leaves 9,638 twips for the table: the decision widest. Fixed, so Word does
// not squeeze a column until words break in the middle.
const MARGIN = 1134;
const COLUMN_WIDTHS = [620, 4118, 1700, 1400, 1800];

const cell = (text: string, bold = false) =>
  new TableCell({
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] })),
  });

const line = (label: string, value: string) =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });

export async function besluitenlijstDocx(meeting: MeetingView, workspaceName: string, now = new Date()): Promise<Buffer> {
  const title = besluitenlijstTitle(meeting);
  const when = [formatLongDate(meeting.date), timeRange(meeting)].filter(Boolean).join(', ');
  const participants =
    meeting.participants.length > 0
      ? meeting.participants.map((p) => (p.organisationName ? `${p.name} (${p.organisationName})` : p.name)).join(', ')
      : 'Geen deelnemers vastgelegd';
  const rows = meeting.decisions.map(
    (d, index) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(index + 1)),
          cell(d.text),
          cell(d.ownerName ?? 'Geen eigenaar'),
          cell(d.dueDate ? formatDate(d.dueDate) : 'Geen'),
          cell(
            d.actionId
              ? `${d.actionTitle ?? 'Actie'} (${d.actionStatus ? ACTION_STATUS_LABELS[d.actionStatus].toLowerCase() : 'actie'})`
              : 'Nog geen actie'
          ),
        ],
      })
  );
  const decisions =
    rows.length > 0
      ? [
          new Table({
            width: { size: COLUMN_WIDTHS.reduce((a, b) => a + b, 0), type: WidthType.DXA },
            columnWidths: COLUMN_WIDTHS,
            layout: TableLayoutType.FIXED,
            rows: [new TableRow({ tableHeader: true, children: COLUMNS.map((c) => cell(c, true)) }), ...rows],
          }),
        ]
      : [new Paragraph({ text: 'In dit overleg zijn geen besluiten vastgelegd.' })];

  const document = new Document({
    creator: 'Thuisplan',
    title,
    description: `${title}, ${workspaceName}`,
    styles: dutchStyles(22), // 11 pt
    sections: [
      {
        properties: { page: { margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ size: 18, text: `${title} · ${workspaceName} · ` }),
                  new TextRun({ size: 18, children: ['Pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
          new Paragraph({ text: meeting.title, heading: HeadingLevel.HEADING_2 }),
          line('Werkruimte', workspaceName),
          line('Datum', when),
          ...(meeting.location ? [line('Locatie', meeting.location)] : []),
          line('Deelnemers', participants),
          ...(meeting.agendaTitle ? [line('Agenda', meeting.agendaTitle)] : []),
          line('Verslag', minutesStatus(meeting)),
          new Paragraph({ text: 'Besluiten', heading: HeadingLevel.HEADING_2 }),
          ...decisions,
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 240 },
            children: [new TextRun({ text: `Gemaakt met Thuisplan op ${formatDateTime(now.toISOString())}`, italics: true })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** A file name without characters that trouble file systems or headers: besluitenlijst-ambtelijk-overleg-2027-01-12.docx. */
export function besluitenlijstFileName(meeting: Pick<MeetingView, 'kind' | 'date'>): string {
  return `besluitenlijst-${meeting.kind.replace(/_/g, '-')}-${meeting.date}.docx`;
}
