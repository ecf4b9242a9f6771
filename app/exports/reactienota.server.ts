// The reactienota: every response of a review round, who gave it and how it was processed —
// as a Word document (the form Dutch government publishes it in) and as CSV for Excel.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { DECISION_LABELS } from '../lib/comment-forms.ts';
import { formatDate, formatDateTime } from '../lib/time.ts';
import type { RoundComment, RoundView } from '../models/review-rounds.server.ts';
import { excelCsv } from './csv.ts';

export interface Reactienota {
  workspaceName: string;
  round: RoundView;
  comments: RoundComment[];
}

const COLUMNS = ['Nr.', 'Indiener', 'Organisatie', 'Tekstfragment', 'Reactie', 'Verwerking', 'Toelichting'] as const;

function row(comment: RoundComment, index: number): string[] {
  return [
    String(index + 1),
    comment.authorName,
    comment.organisationName ?? '',
    comment.quote || '(het hele document)',
    comment.body,
    comment.decision ? DECISION_LABELS[comment.decision] : 'Nog niet verwerkt',
    comment.decisionNote ?? '',
  ];
}

function introduction({ workspaceName, round, comments }: Reactienota): string[] {
  const processed = comments.filter((c) => c.decision).length;
  return [
    `${workspaceName} legde versie ‘${round.versionName}’ van ‘${round.documentTitle}’ voor in de reviewronde ‘${
      round.title
    }’, geopend op ${formatDateTime(round.openedAt)}; reageren kon tot en met ${formatDate(round.deadline)}.`,
    round.status === 'closed'
      ? `De ronde is gesloten op ${formatDateTime(round.closedAt)}.`
      : 'Let op: de ronde is nog open; deze reactienota is een tussenstand.',
    `Er ${
      comments.length === 1 ? 'kwam 1 reactie' : `kwamen ${comments.length} reacties`
    } binnen, waarvan ${processed} verwerkt.`,
  ];
}

const cell = (text: string, bold = false) =>
  new TableCell({
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] })),
  });

export async function reactienotaDocx(nota: Reactienota): Promise<Buffer> {
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: COLUMNS.map((c) => cell(c, true)) }),
      ...nota.comments.map((comment, index) => new TableRow({ children: row(comment, index).map((text) => cell(text)) })),
    ],
  });
  const document = new Document({
    creator: 'Thuisplan',
    title: `Reactienota ${nota.round.title}`,
    description: `Reactienota bij ${nota.round.documentTitle}, versie ${nota.round.versionName}`,
    sections: [
      {
        children: [
          new Paragraph({ text: `Reactienota: ${nota.round.title}`, heading: HeadingLevel.TITLE }),
          new Paragraph({
            text: `${nota.round.documentTitle}, versie ${nota.round.versionName}`,
            heading: HeadingLevel.HEADING_2,
          }),
          ...introduction(nota).map((text) => new Paragraph({ text })),
          new Paragraph({ text: 'Reacties en verwerking', heading: HeadingLevel.HEADING_2 }),
          table,
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [
              new TextRun({ text: `Gemaakt met Thuisplan op ${formatDateTime(new Date().toISOString())}`, italics: true }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** CSV for Excel: a comment's line breaks stay within its cell, and a comment is never run as a formula. */
export function reactienotaCsv(nota: Reactienota): string {
  return excelCsv([[...COLUMNS], ...nota.comments.map(row)]);
}

/** A file name without characters that trouble file systems or headers. */
export function exportFileName(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase()
    .slice(0, 80);
  return `reactienota-${base || 'reviewronde'}.${extension}`;
}
