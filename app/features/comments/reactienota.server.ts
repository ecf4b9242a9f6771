// The reactienota: every response of a review round, who gave it and how it was processed —
// as a Word document (the form Dutch government publishes it in) and as CSV for Excel.
import { AlignmentType, Document, Header, HeadingLevel, Packer, PageOrientation, Paragraph, TableRow, TextRun } from 'docx';
import { DECISION_LABELS } from '../../core/labels.ts';
import { todayInNL } from '../review-rounds/review-forms.ts';
import { formatDate, formatDateTime, formatInstantDate } from '../../lib/time.ts';
import type { RoundComment, RoundView } from '../review-rounds/review-rounds.server.ts';
import { excelCsv } from '../../lib/csv.ts';
import { A4_MARGINS, dutchStyles, fixedTable, pageNumberFooter, textCell as cell } from '../documents/document-docx.ts';
import { plural, pluralWord } from '../../lib/plural.ts';

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

/**
 * The round's state sets the tense: while the deadline has not passed, reageren "kan" still (the deadline
 * day counts); after it, or once closed, it "kon". An open round past its deadline says it is not closed yet.
 */
function introduction({ workspaceName, round, comments }: Reactienota, now: Date): string[] {
  const processed = comments.filter((c) => c.decision).length;
  const closed = round.status === 'gesloten';
  const canStill = !closed && round.deadline >= todayInNL(now);
  const received = plural(comments.length, 'reactie', 'reacties');
  return [
    `${workspaceName} legde versie ‘${round.versionName}’ van ‘${round.documentTitle}’ voor in de reviewronde ‘${
      round.title
    }’, geopend op ${formatDateTime(round.openedAt)}; reageren ${canStill ? 'kan' : 'kon'} tot en met ${formatDate(
      round.deadline
    )}.`,
    closed
      ? `De ronde is gesloten op ${formatDateTime(round.closedAt)}.`
      : canStill
        ? 'Let op: de ronde is nog open; deze reactienota is een tussenstand.'
        : 'Let op: de uiterste datum is voorbij, maar de ronde is nog niet gesloten; deze reactienota is een tussenstand.',
    closed
      ? `Er ${pluralWord(comments.length, 'kwam', 'kwamen')} ${received} binnen, waarvan ${processed} verwerkt.`
      : `Tot nu toe ${pluralWord(comments.length, 'is', 'zijn')} ${received} binnengekomen, waarvan ${processed} verwerkt.`,
  ];
}

// A4 landscape with 2 cm margins leaves 14,570 twips (1/20 pt) for the table. Widths follow the content: a
// number, names, and the texts (the response and its explanation) widest.
const COLUMN_WIDTHS = [680, 1600, 1800, 2300, 3700, 1700, 2787];

const small = (text: string) => new TextRun({ text, size: 18 });

export async function reactienotaDocx(nota: Reactienota, now = new Date()): Promise<Buffer> {
  const { round } = nota;
  const table = fixedTable(
    COLUMNS,
    COLUMN_WIDTHS,
    nota.comments.map((comment, index) => new TableRow({ children: row(comment, index).map((text) => cell(text)) }))
  );
  const document = new Document({
    creator: 'Thuisplan',
    title: `Reactienota ${round.title}`,
    description: `Reactienota bij ${round.documentTitle}, versie ${round.versionName}`,
    styles: dutchStyles(20), // 10 pt: a table of seven columns stays readable and compact
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE }, // docx swaps A4's width and height
            margin: A4_MARGINS,
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [
                  small(
                    `Reactienota ${round.title} · ${round.documentTitle}, versie ${round.versionName} · ${formatInstantDate(
                      now.toISOString()
                    )}`
                  ),
                ],
              }),
            ],
          }),
        },
        footers: { default: pageNumberFooter() },
        children: [
          new Paragraph({ text: `Reactienota: ${round.title}`, heading: HeadingLevel.TITLE }),
          new Paragraph({
            text: `${round.documentTitle}, versie ${round.versionName}`,
            heading: HeadingLevel.HEADING_2,
          }),
          ...introduction(nota, now).map((text) => new Paragraph({ text })),
          new Paragraph({ text: 'Reacties en verwerking', heading: HeadingLevel.HEADING_2 }),
          table,
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ text: `Gemaakt met Thuisplan op ${formatDateTime(now.toISOString())}`, italics: true })],
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
