// What the comment panel's parts share to tell the reader what happened: the panel's one live region,
// words only screen readers hear, and an action's error beside the form that sent it.
import { createContext, type ReactNode } from 'react';
import type { CommentActionResult } from './comment-types.ts';

/** One live region for the whole panel: it outlives the forms that report into it. */
export const Announce = createContext<(message: string) => void>(() => {});

/** Extra words for screen readers, so that buttons repeated per comment say which comment they act on. */
export function ForScreenReaders({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}

/** The comment route's refusal, as an alert inside the form whose button was pressed. */
export function FetcherError({ fetcher }: { fetcher: CommentActionResult | undefined }) {
  if (!fetcher || fetcher.ok) return null;
  const message = [...(fetcher.errors.form ?? []), ...(fetcher.errors.body ?? [])].join(' ');
  return message ? (
    <p className="utrecht-form-field-error-message" role="alert">
      {message}
    </p>
  ) : null;
}
