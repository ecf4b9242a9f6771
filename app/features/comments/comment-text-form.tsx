// Writing a comment's text, shared by the new-comment form, the reply and the edit in place, so that
// mention suggestions, errors at the field and the announcement on success behave the same in all three.
import { useFetcher } from '@remix-run/react';
import { useContext, useEffect, useId, useRef, useState } from 'react';
import { MAX_COMMENT } from './comment-forms.ts';
import { Field } from '../../components/ui/fields.tsx';
import type { Mentionable } from './mentions.ts';
import type { CommentActionResult } from './comment-types.ts';
import { Announce } from './comment-feedback.tsx';
import { plural } from '../../lib/plural.ts';

/** One form for a new comment, a reply and an edit: the text, help to mention members, and errors at the field. */
export function CommentTextForm({
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
        {suggestions.length > 0 ? `${plural(suggestions.length, 'lid', 'leden')} om te noemen, onder het tekstvak.` : ''}
      </p>
    </fetcher.Form>
  );
}
