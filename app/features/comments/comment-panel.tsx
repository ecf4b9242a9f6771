// The comment panel beside a document: threads anchored to words in the text, replies, resolving,
// and the form for a new comment on the reader's selection. Every change posts to the comment route;
// the page's loader (revalidated live when others comment) is the one source of what is shown, and of
// which buttons: each thread and comment carries the comment policy's answer for this reader (`can`).
import { useFetcher } from '@remix-run/react';
import { createContext, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Anchor } from '../documents/anchors.ts';
import { MAX_COMMENT } from './comment-forms.ts';
import { DECISION_LABELS } from '../../core/labels.ts';
import { Field } from '../../components/ui/fields.tsx';
import { splitMentions, type Mentionable } from './mentions.ts';
import { formatDateTime } from '../../lib/time.ts';
import type { CommentActionResult, DocumentThread } from './comment-types.ts';

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

/** One live region for the whole panel: it outlives the forms that report into it. */
const Announce = createContext<(message: string) => void>(() => {});

/** Extra words for screen readers, so that buttons repeated per comment say which comment they act on. */
function Context({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
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
          <div className="utrecht-form-field utrecht-form-field--checkbox">
            <label className="utrecht-form-label utrecht-form-label--checkbox">
              <input
                type="checkbox"
                className="utrecht-checkbox utrecht-checkbox--html-input"
                checked={showResolved}
                onChange={(e) => setShowResolved(e.target.checked)}
              />{' '}
              Toon ook afgehandelde opmerkingen ({threads.length - open.length})
            </label>
          </div>
        ) : null}
        {shown.length === 0 ? <p className="utrecht-paragraph muted">Nog geen opmerkingen.</p> : null}
        <ol className="comments__threads">
          {shown.map((thread) => (
            <li key={thread.id}>
              <Thread {...props} thread={thread} />
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
      <CommentForm
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

function Thread(props: PanelProps & { thread: DocumentThread }) {
  const { thread, activeThreadId, onActivate, actionUrl, members } = props;
  const active = activeThreadId === thread.id;
  const status = useFetcher<CommentActionResult>();
  return (
    <article
      id={`draad-${thread.id}`}
      className={`comments__thread${active ? ' comments__thread--active' : ''}${
        thread.status === 'resolved' ? ' comments__thread--resolved' : ''
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
      {thread.status === 'resolved' ? (
        <p className="comments__badge">
          Afgehandeld{thread.resolvedByName ? ` door ${thread.resolvedByName}` : ''} op {formatDateTime(thread.resolvedAt)}
        </p>
      ) : null}
      <ol className="comments__list">
        {thread.comments.map((comment) => (
          <li key={comment.id} id={`opmerking-${comment.id}`}>
            <Comment comment={comment} members={members} actionUrl={actionUrl} />
          </li>
        ))}
      </ol>
      {thread.can.reply ? (
        <details className="comments__reply">
          <summary>
            Reageren<Context> op de opmerking{thread.quote ? ` bij “${thread.quote.slice(0, 60)}”` : ''}</Context>
          </summary>
          <CommentForm
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
            <Context> de opmerking{thread.quote ? ` bij “${thread.quote.slice(0, 60)}”` : ''}</Context>
          </button>
          <FetcherError fetcher={status.data} />
        </status.Form>
      ) : null}
    </article>
  );
}

function Comment({
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
    <Context>
      {' '}
      de opmerking van {comment.authorName} van {formatDateTime(comment.createdAt)}
    </Context>
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
          <CommentForm
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

function FetcherError({ fetcher }: { fetcher: CommentActionResult | undefined }) {
  if (!fetcher || fetcher.ok) return null;
  const message = [...(fetcher.errors.form ?? []), ...(fetcher.errors.body ?? [])].join(' ');
  return message ? (
    <p className="utrecht-form-field-error-message" role="alert">
      {message}
    </p>
  ) : null;
}

/** One form for a new comment, a reply and an edit: the text, help to mention members, and errors at the field. */
function CommentForm({
  actionUrl,
  intent,
  hidden,
  label,
  submitLabel,
  defaultValue = '',
  members,
  onDone,
}: {
  actionUrl: string;
  intent: 'create' | 'reply' | 'edit';
  hidden: Record<string, string>;
  label: string;
  submitLabel: string;
  defaultValue?: string;
  members: Mentionable[];
  onDone?(): void;
}) {
  const fetcher = useFetcher<CommentActionResult>();
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(defaultValue);
  const [caret, setCaret] = useState(0);
  const announce = useContext(Announce);
  const result = fetcher.state === 'idle' ? fetcher.data : undefined;
  const bodyError = result && !result.ok ? result.errors.body?.join(' ') : undefined;
  const formError = result && !result.ok ? result.errors.form?.join(' ') : undefined;

  useEffect(() => {
    if (result?.ok) {
      setText('');
      announce(intent === 'edit' ? 'De wijziging is opgeslagen.' : 'Uw opmerking is geplaatst.');
      onDone?.();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new result arrives
  }, [result]);

  // "@Ri" before the caret suggests the members whose name starts with "Ri".
  const typed = /(?:^|\s)@([^\s@][^@\n]{0,40})?$/u.exec(text.slice(0, caret));
  const query = typed ? (typed[1] ?? '').toLocaleLowerCase('nl') : null;
  const suggestions =
    query === null
      ? []
      : members
          .filter((m) => m.name.toLocaleLowerCase('nl').startsWith(query) && m.name.toLocaleLowerCase('nl') !== query)
          .slice(0, 5);
  const mention = (member: Mentionable) => {
    const before = text.slice(0, caret).replace(/@([^\s@][^@\n]{0,40})?$/u, `@${member.name} `);
    const next = before + text.slice(caret);
    setText(next);
    setCaret(before.length);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(before.length, before.length);
    });
  };

  return (
    <fetcher.Form method="post" action={actionUrl} className="comments__form" noValidate>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {formError ? (
        <p className="utrecht-form-field-error-message" role="alert">
          {formError}
        </p>
      ) : null}
      <Field
        id={`${id}-tekst`}
        label={label}
        description="Noem een collega met @ en hun naam; zij krijgen een melding."
        errors={bodyError ? [bodyError] : undefined}
        announce
      >
        {(control) => (
          <textarea
            {...control}
            ref={textarea}
            name="body"
            rows={3}
            maxLength={MAX_COMMENT + 1000 /* the server gives the clear message */}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setCaret(e.target.selectionStart);
            }}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
            className={`utrecht-textarea utrecht-textarea--html-textarea${bodyError ? ' utrecht-textarea--invalid' : ''}`}
          />
        )}
      </Field>
      {suggestions.length > 0 ? (
        <ul className="comments__mentions" aria-label="Leden om te noemen">
          {suggestions.map((m) => (
            <li key={m.id}>
              <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => mention(m)}>
                Noem {m.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="comments__buttons">
        <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={fetcher.state !== 'idle'}>
          {fetcher.state !== 'idle' ? 'Bezig…' : submitLabel}
        </button>
        {onDone ? (
          <button type="button" className="utrecht-button utrecht-button--subtle" onClick={onDone}>
            Annuleren
          </button>
        ) : null}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {suggestions.length > 0
          ? `${suggestions.length} ${suggestions.length === 1 ? 'lid' : 'leden'} om te noemen, onder het tekstvak.`
          : ''}
      </p>
    </fetcher.Form>
  );
}
