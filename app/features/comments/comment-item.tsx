// One comment in a thread: its author, text (with mentions), processing decision, and the buttons the
// comment policy allows this reader — edit in place, delete, hide — each confirmed before it is sent.
import { useFetcher } from '@remix-run/react';
import { useContext, useEffect, useRef, useState } from 'react';
import { DECISION_LABELS } from '../../core/labels.ts';
import { splitMentions, type Mentionable } from './mentions.ts';
import { formatDateTime } from '../../lib/time.ts';
import type { CommentActionResult, DocumentThread } from './comment-types.ts';
import { Announce, FetcherError, ForScreenReaders } from './comment-feedback.tsx';
import { CommentTextForm } from './comment-text-form.tsx';

export function CommentItem({
  comment,
  members,
  actionUrl,
}: {
  comment: DocumentThread['comments'][number];
  members: Mentionable[];
  actionUrl: string;
}) {
  const [editing, setEditing] = useState(false);
  const act = useFetcher<CommentActionResult>();
  const announce = useContext(Announce);
  const container = useRef<HTMLDivElement>(null);
  const whose = (
    <ForScreenReaders>
      {' '}
      de opmerking van {comment.authorName} van {formatDateTime(comment.createdAt)}
    </ForScreenReaders>
  );
  const confirmFirst = (question: string) => (event: React.MouseEvent<HTMLButtonElement>) => {
    if (!window.confirm(question)) event.preventDefault();
  };
  useEffect(() => {
    if (act.state !== 'idle' || !act.data?.ok) return;
    // The button that was pressed is gone: keep the keyboard focus on this comment, and say what happened.
    container.current?.focus();
    announce(act.data.intent === 'hide' ? 'De opmerking is verborgen.' : 'Uw opmerking is verwijderd.');
  }, [act.state, act.data, announce]);
  return (
    <div className="comments__comment" ref={container} tabIndex={-1}>
      <p className="comments__meta">
        <strong>{comment.authorName}</strong>
        {comment.organisationName ? ` (${comment.organisationName})` : ''} · {formatDateTime(comment.createdAt)}
        {comment.editedAt ? ' · bewerkt' : ''}
      </p>
      {comment.state === 'visible' && comment.body !== null ? (
        editing ? (
          <CommentTextForm
            actionUrl={actionUrl}
            intent="edit"
            hidden={{ commentId: comment.id }}
            label="Opmerking bewerken"
            submitLabel="Wijziging opslaan"
            defaultValue={comment.body}
            members={members}
            onDone={() => setEditing(false)}
          />
        ) : (
          <p className="comments__body">
            {splitMentions(comment.body, members).map((part, i) =>
              part.mention ? (
                <strong key={i} className="mention">
                  {part.text}
                </strong>
              ) : (
                <span key={i}>{part.text}</span>
              )
            )}
          </p>
        )
      ) : (
        <p className="comments__body muted">
          {comment.state === 'hidden'
            ? 'Deze opmerking is verborgen door de projectleider.'
            : 'Deze opmerking is verwijderd door de schrijver.'}
        </p>
      )}
      {comment.decision ? (
        <p className="comments__decision">
          Verwerking: <strong>{DECISION_LABELS[comment.decision]}</strong>
          {comment.decisionNote ? ` – ${comment.decisionNote}` : ''}
        </p>
      ) : null}
      {comment.state === 'visible' && !editing && (comment.can.edit || comment.can.delete || comment.can.hide) ? (
        <act.Form method="post" action={actionUrl} className="comments__actions">
          <input type="hidden" name="commentId" value={comment.id} />
          {comment.can.edit ? (
            <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => setEditing(true)}>
              Bewerken{whose}
            </button>
          ) : null}
          {comment.can.delete ? (
            <>
              <button
                type="submit"
                name="intent"
                value="delete"
                className="utrecht-button utrecht-button--subtle"
                disabled={act.state !== 'idle'}
                onClick={confirmFirst('Wilt u deze opmerking verwijderen? Dit kan niet ongedaan worden gemaakt.')}
              >
                Verwijderen{whose}
              </button>
            </>
          ) : null}
          {comment.can.hide ? (
            <button
              type="submit"
              name="intent"
              value="hide"
              className="utrecht-button utrecht-button--subtle"
              disabled={act.state !== 'idle'}
              onClick={confirmFirst('Wilt u deze opmerking verbergen? De tekst blijft alleen in het logboek bewaard.')}
            >
              Verbergen{whose}
            </button>
          ) : null}
          <FetcherError fetcher={act.data} />
        </act.Form>
      ) : null}
    </div>
  );
}
