// A meeting's besluitenlijst as a Word document ready to send: what was decided, by whom, by when, and
// whether an action follows it; the status of the minutes; page numbers in the footer.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TableRow, TextRun } from 'docx';
import { ACTION_STATUS_LABELS } from '../../core/labels.ts';
import { formatDate, formatDateTime } from '../../lib/time.ts';
import { A4_MARGINS, dutchStyles, fixedTable, pageNumberFooter, textCell as cell } from '../documents/document-docx.ts';
import type { MeetingView } from './meetings.server.ts';
import { besluitenlijstTitle, formatLongDate, minutesStatus, timeRange } from './meeting-text.ts';

const COLUMNS = ['Nr.', 'Besluit', 'Eigenaar', 'Streefdatum', 'Actie'] as const;

// A4 portrait with 2 cm margins leaves 9,638 twips for the table: the decision widest.
const COLUMN_WIDTHS = [620, 4118, 1700, 1400, 1800];

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
      ? [fixedTable(COLUMNS, COLUMN_WIDTHS, rows)]
      : [new Paragraph({ text: 'In dit overleg zijn geen besluiten vastgelegd.' })];

  const document = new Document({
    creator: 'Thuisplan',
    title,
    description: `${title}, ${workspaceName}`,
    styles: dutchStyles(22), // 11 pt
    sections: [
      {
        properties: { page: { margin: A4_MARGINS } },
        footers: { default: pageNumberFooter(`${title} · ${workspaceName} · `) },
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
