// One thread: the words it is anchored to (and a button to point them out in the text), its comments,
// and the reply form and resolve/reopen button when the comment policy allows them.
import { useFetcher } from '@remix-run/react';
import type { Mentionable } from './mentions.ts';
import { formatDateTime } from '../../lib/time.ts';
import type { CommentActionResult, DocumentThread } from './comment-types.ts';
import { FetcherError, ForScreenReaders } from './comment-feedback.tsx';
import { CommentItem } from './comment-item.tsx';
import { CommentTextForm } from './comment-text-form.tsx';

export interface CommentThreadProps {
  thread: DocumentThread;
  members: Mentionable[];
  activeThreadId: string | null;
  onActivate(threadId: string | null): void;
  actionUrl: string;
}

export function CommentThread(props: CommentThreadProps) {
  const { thread, activeThreadId, onActivate, actionUrl, members } = props;
  const active = activeThreadId === thread.id;
  const status = useFetcher<CommentActionResult>();
  return (
    <article
      id={`draad-${thread.id}`}
      className={`comments__thread${active ? ' comments__thread--active' : ''}${
        thread.status === 'afgehandeld' ? ' comments__thread--resolved' : ''
      }`}
      aria-label={`Opmerking${thread.quote ? ` bij “${thread.quote.slice(0, 60)}”` : ' bij het document'}`}
      data-testid="comment-thread"
    >
      {thread.anchor ? (
        <p className="comments__anchor">
          <q className="comments__quote">{thread.quote}</q>
          {thread.anchorState === 'deleted' ? (
            <span className="comments__badge"> tekst verwijderd</span>
          ) : (
            <button
              type="button"
              className="utrecht-button utrecht-button--subtle comments__link"
              onClick={() => onActivate(active ? null : thread.id)}
            >
              {active ? 'Niet meer aanwijzen' : 'Toon in tekst'}
            </button>
          )}
        </p>
      ) : (
        <p className="comments__anchor muted">Over het hele document</p>
      )}
      {thread.status === 'afgehandeld' ? (
        <p className="comments__badge">
          Afgehandeld{thread.resolvedByName ? ` door ${thread.resolvedByName}` : ''} op {formatDateTime(thread.resolvedAt)}
        </p>
      ) : null}
      <ol className="comments__list">
        {thread.comments.map((comment) => (
          <li key={comment.id} id={`opmerking-${comment.id}`}>
            <CommentItem comment={comment} members={members} actionUrl={actionUrl} />
          </li>
        ))}
      </ol>
      {thread.can.reply ? (
        <details className="comments__reply">
          <summary>
            Reageren
            <ForScreenReaders> op de opmerking{thread.quote ? ` bij “${thread.quote.slice(0, 60)}”` : ''}</ForScreenReaders>
          </summary>
          <CommentTextForm
            actionUrl={actionUrl}
            intent="reply"
            hidden={{ threadId: thread.id }}
            label="Uw reactie"
            submitLabel="Reactie plaatsen"
            members={members}
          />
        </details>
      ) : null}
      {thread.can.resolve ? (
        <status.Form method="post" action={actionUrl}>
          <input type="hidden" name="threadId" value={thread.id} />
          <button
            type="submit"
            name="intent"
            value={thread.status === 'open' ? 'resolve' : 'reopen'}
            className="utrecht-button utrecht-button--secondary-action"
            disabled={status.state !== 'idle'}
          >
            {thread.status === 'open' ? 'Afhandelen' : 'Heropenen'}
            <ForScreenReaders> de opmerking{thread.quote ? ` bij “${thread.quote.slice(0, 60)}”` : ''}</ForScreenReaders>
          </button>
          <FetcherError fetcher={status.data} />
        </status.Form>
      ) : null}
    </article>
  );
}
