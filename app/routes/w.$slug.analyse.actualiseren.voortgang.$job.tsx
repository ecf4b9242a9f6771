// The progress of a refresh: as the CBS import's progress page, ending on the refresh's review.
import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { getCbsJob } from '../analysis/cbs-import.server.ts';
import { notFound, requireAbility } from '../auth/guards.server.ts';
import { Alert } from '../components/ui/feedback.tsx';
import { BackLink } from '../components/ui/layout.tsx';

export const meta: MetaFunction = () => [{ title: 'Actualiseren – Thuisplan' }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, user } = await requireAbility(context, request, params.slug, 'analysis.edit');
  const job = params.job ? getCbsJob(params.job, workspace.id, user.id) : undefined;
  if (!job || (job.status === 'klaar' && !job.refreshId)) throw notFound();
  if (job.status === 'klaar' && job.refreshId) return redirect(`/w/${workspace.slug}/analyse/actualiseren/${job.refreshId}`);
  return {
    job: {
      status: job.status,
      tables: job.table,
      pagesDone: job.pagesDone,
      pagesExpected: job.pagesExpected,
      message: job.message,
    },
  };
}

export default function RefreshProgress() {
  const { job } = useLoaderData<typeof loader>();
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (job.status !== 'bezig') return;
    const timer = setTimeout(() => state === 'idle' && revalidate(), 500);
    return () => clearTimeout(timer);
  }, [job, revalidate, state]);
  return (
    <>
      <h2 className="utrecht-heading-2">CBS opnieuw vragen ({job.tables})</h2>
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
      <BackLink to="../..">Terug naar actualiseren</BackLink>
    </>
  );
}
