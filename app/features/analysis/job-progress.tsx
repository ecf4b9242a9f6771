import { useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { Alert } from '../../components/ui/feedback.tsx';
import { BackLink } from '../../components/ui/layout.tsx';

export interface JobProgressView {
  status: 'bezig' | 'klaar' | 'mislukt';
  pagesDone: number;
  pagesExpected: number;
  message: string;
}

/**
 * The progress of a background job with CBS (an import, a refresh): the page asks every half second
 * (without JavaScript: a link to look again; an automatic refresh would move the page under a screen
 * reader's feet).
 */
export function JobProgress({ job, title, back }: { job: JobProgressView; title: string; back: { to: string; label: string } }) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (job.status !== 'bezig') return;
    const timer = setTimeout(() => state === 'idle' && revalidate(), 500);
    return () => clearTimeout(timer);
  }, [job, revalidate, state]);
  return (
    <>
      <h2 className="utrecht-heading-2">{title}</h2>
      {job.status === 'mislukt' ? (
        <Alert kind="error">{job.message}</Alert>
      ) : (
        <>
          <label className="utrecht-form-label" htmlFor="voortgang">
            Voortgang
          </label>
          <progress id="voortgang" className="import-progress" max={job.pagesExpected} value={job.pagesDone}>
            {job.pagesDone} van {job.pagesExpected}
          </progress>
          <p className="utrecht-paragraph" role="status">
            {job.message}
          </p>
          <noscript>
            <p className="utrecht-paragraph">
              <a href="" className="utrecht-link">
                Kijk opnieuw
              </a>
            </p>
          </noscript>
        </>
      )}
      <BackLink to={back.to}>{back.label}</BackLink>
    </>
  );
}
