// The comment panel beside a document: threads anchored to words in the text, replies, resolving,
// and the form for a new comment on the reader's selection. Every change posts to the comment route;
// the page's loader (revalidated live when others comment) is the one source of what is shown, and of
// which buttons: each thread and comment carries the comment policy's answer for this reader (`can`).
// A thread is drawn by comment-thread.tsx, each of its comments by comment-item.tsx, and the one form
// for writing a comment by comment-text-form.tsx.
import { useState } from 'react';
import type { Anchor } from '../documents/anchors.ts';
import type { Mentionable } from './mentions.ts';
import type { DocumentThread } from './comment-types.ts';
import { Announce } from './comment-feedback.tsx';
import { CommentThread } from './comment-thread.tsx';
import { CommentTextForm } from './comment-text-form.tsx';
import { PlainCheckbox } from '../../components/ui/fields.tsx';

interface PanelProps {
  threads: DocumentThread[];
  members: Mentionable[];
  /** May this reader place a new comment (the comment policy: role, and the document not archived). */
  canComment: boolean;
  selection: { anchor: Anchor; quote: string } | null;
  activeThreadId: string | null;
  onActivate(threadId: string | null): void;
  actionUrl: string;
  closed: boolean;
}

export function CommentPanel(props: PanelProps) {
  const { threads, canComment, closed } = props;
  const [showResolved, setShowResolved] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const open = threads.filter((t) => t.status === 'open');
  const shown = showResolved ? threads : open;
  return (
    <Announce.Provider value={setAnnouncement}>
      <aside className="comments" aria-labelledby="opmerkingen-titel">
        <p className="visually-hidden" role="status">
          {announcement}
        </p>
        <h3 id="opmerkingen-titel" className="utrecht-heading-3">
          Opmerkingen <span className="muted">({open.length} open)</span>
        </h3>
        {canComment ? (
          <NewComment {...props} />
        ) : (
          <p className="utrecht-paragraph muted">
            {closed
              ? 'Dit document staat in het archief: er kan niet meer op worden gereageerd.'
              : 'U leest de opmerkingen; reageren kan vanaf de rol commentator.'}
          </p>
        )}
        {threads.length > open.length ? (
          <PlainCheckbox
            id="toon-afgehandelde-opmerkingen"
            checked={showResolved}
            onChange={(e) => setShowResolved(e.target.checked)}
            label={`Toon ook afgehandelde opmerkingen (${threads.length - open.length})`}
          />
        ) : null}
        {shown.length === 0 ? <p className="utrecht-paragraph muted">Nog geen opmerkingen.</p> : null}
        <ol className="comments__threads">
          {shown.map((thread) => (
            <li key={thread.id}>
              <CommentThread {...props} thread={thread} />
            </li>
          ))}
        </ol>
      </aside>
    </Announce.Provider>
  );
}

function NewComment({ selection, actionUrl, members }: PanelProps) {
  return (
    <section className="comments__new" aria-labelledby="nieuwe-opmerking-titel">
      <h4 id="nieuwe-opmerking-titel" className="utrecht-heading-4">
        Nieuwe opmerking
      </h4>
      {selection ? (
        <p className="utrecht-paragraph">
          Bij de geselecteerde tekst: <q className="comments__quote">{selection.quote.slice(0, 300)}</q>
        </p>
      ) : (
        <p className="utrecht-paragraph muted">
          Selecteer woorden in de tekst om daarop te reageren. Zonder selectie gaat uw opmerking over het hele document.
        </p>
      )}
      <CommentTextForm
        actionUrl={actionUrl}
        intent="create"
        hidden={selection ? { anchorStart: selection.anchor.start, anchorEnd: selection.anchor.end } : {}}
        label={selection ? 'Opmerking bij de selectie' : 'Opmerking bij het document'}
        submitLabel="Opmerking plaatsen"
        members={members}
      />
    </section>
  );
}
