import type { ReactNode } from 'react';
import { GUIDANCE_LABEL, guidanceText, isText, type RichNode } from './rich-text.ts';

// Renders a stored version read-only, as plain React elements (no editor, no HTML strings).
const ELEMENTS: Record<string, string> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  table: 'table',
  tableRow: 'tr',
  tableHeader: 'th',
  tableCell: 'td',
  codeBlock: 'pre',
  hardBreak: 'br',
  horizontalRule: 'hr',
};

function renderText(node: Extract<RichNode, { type: 'text' }>, key: number): ReactNode {
  return (node.marks ?? []).reduce<ReactNode>((inner, mark) => {
    if (mark.type === 'bold') return <strong key={key}>{inner}</strong>;
    if (mark.type === 'italic') return <em key={key}>{inner}</em>;
    if (mark.type === 'underline') return <u key={key}>{inner}</u>;
    if (mark.type === 'strike') return <s key={key}>{inner}</s>;
    if (mark.type === 'code') return <code key={key}>{inner}</code>;
    const href = mark.type === 'link' ? String(mark.attrs?.href ?? '') : '';
    if (/^(https?:\/\/|mailto:)/i.test(href)) {
      return (
        <a key={key} href={href} rel="noopener noreferrer nofollow" className="utrecht-link">
          {inner}
        </a>
      );
    }
    return inner;
  }, node.text);
}

function renderNode(node: RichNode, key: number): ReactNode {
  if (isText(node)) return renderText(node, key);
  const guidance = guidanceText(node);
  if (guidance !== null) return <GuidanceBlock key={key} text={guidance} />;
  const children = (node.content ?? []).map(renderNode);
  if (node.type === 'heading') {
    const level = Math.min(6, Math.max(3, Number(node.attrs?.level ?? 2) + 1)); // below the page's own h1/h2
    const Tag = `h${level}` as 'h3';
    return <Tag key={key}>{children}</Tag>;
  }
  if (node.type === 'table') {
    return (
      <table key={key} className="utrecht-table">
        <tbody>{children}</tbody>
      </table>
    );
  }
  const Tag = (ELEMENTS[node.type] ?? 'div') as 'div';
  return <Tag key={key}>{children.length ? children : null}</Tag>;
}

/** A template's guidance, as the editor shows it (editor/guidance.ts): a note beside the text, not the text. */
export function GuidanceBlock({ text }: { text: string }) {
  return (
    <aside className="editor-guidance" role="note" data-guidance="">
      <span className="editor-guidance__label">{GUIDANCE_LABEL}</span>
      <span className="editor-guidance__text">{text}</span>
    </aside>
  );
}

export function RichTextView({ content }: { content: RichNode[] }) {
  return <div className="rich-text">{content.map(renderNode)}</div>;
}
