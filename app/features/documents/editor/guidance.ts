// A template's guidance in the editor: the question a chapter answers (rich-text.ts, GUIDANCE). One block,
// an atom that nobody types in: what one writes goes in the paragraph after it, in one's own style.
import { Node } from '@tiptap/core';
import { GUIDANCE, GUIDANCE_LABEL } from '../rich-text.ts';

export const Guidance = Node.create({
  name: GUIDANCE,
  group: 'block',
  atom: true,
  selectable: false,
  draggable: false,

  addAttributes() {
    return {
      text: {
        default: '',
        parseHTML: (element) => element.querySelector('.editor-guidance__text')?.textContent ?? '',
        rendered: false,
      },
    };
  },

  parseHTML() {
    return [{ tag: 'aside[data-guidance]' }];
  },

  // The same markup as the read-only view (rich-text-view.tsx): a note with a visible label, so that
  // nobody, with or without a screen reader, takes it for the text itself. ProseMirror makes it
  // contenteditable="false".
  renderHTML({ node }) {
    return [
      'aside',
      { class: 'editor-guidance', role: 'note', 'data-guidance': '' },
      ['span', { class: 'editor-guidance__label' }, GUIDANCE_LABEL],
      ['span', { class: 'editor-guidance__text' }, String(node.attrs.text ?? '')],
    ];
  },

  // Left out of the editor's plain text (copying, getText), as out of every export.
  renderText() {
    return '';
  },
});
