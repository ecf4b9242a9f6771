// The progress of a CBS import: the page asks every half second (without JavaScript: a link to look again;
// an automatic refresh would move the page under a screen reader's feet).
import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { BackLink } from '../components/ui/layout.tsx';
import { notFound, requireAbility } from '../auth/guards.server.ts';
import { getCbsJob } from '../analysis/cbs-import.server.ts';
import { Alert } from '../components/ui/feedback.tsx';

export const meta: MetaFunction = () => [{ title: 'CBS-import – Thuisplan' }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, user } = await requireAbility(context, request, params.slug, 'analysis.edit');
  const job = params.job ? getCbsJob(params.job, workspace.id, user.id) : undefined;
  if (!job) throw notFound();
  if (job.status === 'klaar' && job.importId) return redirect(`/w/${workspace.slug}/analyse/import/${job.importId}`);
  return {
    job: {
      status: job.status,
      table: job.table,
      pagesDone: job.pagesDone,
      pagesExpected: job.pagesExpected,
      message: job.message,
    },
  };
}

export default function CbsProgress() {
  const { job } = useLoaderData<typeof loader>();
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (job.status !== 'bezig') return;
    const timer = setTimeout(() => state === 'idle' && revalidate(), 500);
    return () => clearTimeout(timer);
  }, [job, revalidate, state]);
  return (
    <>
      <h2 className="utrecht-heading-2">CBS-tabel {job.table} ophalen</h2>
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
      <BackLink to="../..">Terug naar importeren</BackLink>
    </>
  );
}
