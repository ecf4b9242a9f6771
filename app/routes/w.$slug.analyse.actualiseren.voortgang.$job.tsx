// The progress of a refresh: as the CBS import's progress page, ending on the refresh's review.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { getCbsJob } from '../features/analysis/cbs-import.server.ts';
import { notFound, requireAbility } from '../http/guards.server.ts';
import { JobProgress } from '../features/analysis/job-progress.tsx';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(({ params }) => [
  { label: 'Analyse', to: `/w/${params.slug}/analyse` },
  { label: 'Cijfers actualiseren', to: `/w/${params.slug}/analyse/actualiseren` },
  { label: 'Voortgang' },
]);

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
  return (
    <JobProgress
      job={job}
      title={`CBS opnieuw vragen (${job.tables})`}
      back={{ to: '../..', label: 'Terug naar actualiseren' }}
    />
  );
}
