// A document's text (the RichNode tree of lib/rich-text.ts) as a Word document. Runs in the browser
// too: a page that lost its connection to the server offers the edits it still holds as a download.
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { GUIDANCE, isText, type RichNode } from './rich-text.ts';

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];
const NUMBERED = 'genummerd';

function runs(nodes: RichNode[] = []): ParagraphChild[] {
  return nodes.flatMap((node): ParagraphChild[] => {
    if (node.type === 'hardBreak') return [new TextRun({ text: '', break: 1 })];
    if (!isText(node)) return runs(node.content);
    const marks = new Set((node.marks ?? []).map((m) => m.type));
    return [
      new TextRun({
        text: node.text,
        bold: marks.has('bold'),
        italics: marks.has('italic'),
        strike: marks.has('strike'),
        underline: marks.has('underline') ? {} : undefined,
      }),
    ];
  });
}

const childrenOf = (node: RichNode): RichNode[] => (isText(node) ? [] : (node.content ?? []));

function blocks(nodes: RichNode[] = [], list?: { numbered: boolean; level: number }, quote = false): Array<Paragraph | Table> {
  return nodes.flatMap((node): Array<Paragraph | Table> => {
    if (isText(node)) return [new Paragraph({ children: runs([node]) })];
    switch (node.type) {
      case GUIDANCE:
        return []; // a template's guidance is not the user's text

      case 'heading': {
        const level = Math.min(Math.max(Number(node.attrs?.level ?? 2), 1), 4);
        return [new Paragraph({ heading: HEADINGS[level - 1], children: runs(node.content) })];
      }
      case 'bulletList':
      case 'orderedList':
        return (node.content ?? []).flatMap((item) =>
          blocks(item.type === 'listItem' ? childrenOf(item) : [item], {
            numbered: node.type === 'orderedList',
            level: list ? list.level + 1 : 0,
          })
        );
      case 'blockquote':
        return blocks(node.content, list, true);
      case 'table':
        return [
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: (node.content ?? []).map(
              (row) =>
                new TableRow({
                  children: childrenOf(row).map(
                    (cell) => new TableCell({ children: blocks(childrenOf(cell)).filter((b) => b instanceof Paragraph) })
                  ),
                })
            ),
          }),
        ];
      case 'codeBlock':
        return [new Paragraph({ children: runs(node.content), style: 'Code' })];
      case 'horizontalRule':
        return [new Paragraph({ thematicBreak: true })];
      default: {
        const paragraph = { children: runs(node.content), indent: quote ? { left: 720 } : undefined };
        if (!list) return [new Paragraph(paragraph)];
        return [
          new Paragraph(
            list.numbered
              ? { ...paragraph, numbering: { reference: NUMBERED, level: list.level } }
              : { ...paragraph, bullet: { level: list.level } }
          ),
        ];
      }
    }
  });
}

/**
 * Dutch (spelling and hyphenation check in Word, the language screen readers read in) and a font every
 * machine has; `size` in half points.
 */
export function dutchStyles(size: number) {
  return { default: { document: { run: { font: 'Arial', size, language: { value: 'nl-NL' } } } } };
}

// What the exported lists (besluitenlijst, reactienota) share: page margins, table and footer.

/** 2 cm on every side of an A4 page, in twips (1/20 pt). */
export const A4_MARGINS = { top: 1134, bottom: 1134, left: 1134, right: 1134 };

/** A table cell with each line of its text as a paragraph. */
export function textCell(text: string, bold = false): TableCell {
  return new TableCell({
    children: text.split(/\r\n|\r|\n/).map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] })),
  });
}

/**
 * A table with a bold header row that repeats on each page. Column widths in twips, fixed, so Word does not
 * squeeze a column until words break in the middle.
 */
export function fixedTable(columns: readonly string[], widths: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [new TableRow({ tableHeader: true, children: columns.map((c) => textCell(c, true)) }), ...rows],
  });
}

/** "Pagina 2 van 5" at the right of the footer, after what the document says of itself there. */
export function pageNumberFooter(before?: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          ...(before ? [new TextRun({ size: 18, text: before })] : []),
          new TextRun({ size: 18, children: ['Pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

export function documentDocx(title: string, content: RichNode[]): Document {
  return new Document({
    creator: 'Thuisplan',
    title,
    styles: dutchStyles(22), // 11 pt
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [0, 1, 2, 3].map((level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ children: [new Paragraph({ text: title, heading: HeadingLevel.TITLE }), ...blocks(content)] }],
  });
}

export function documentDocxBlob(title: string, content: RichNode[]): Promise<Blob> {
  return Packer.toBlob(documentDocx(title, content));
}
