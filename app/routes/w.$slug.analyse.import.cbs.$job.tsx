// The progress of a CBS import (see JobProgress), ending on its preview.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { notFound, requireAbility } from '../http/guards.server.ts';
import { JobProgress } from '../features/analysis/job-progress.tsx';
import { getCbsJob } from '../features/analysis/cbs-import.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(({ params }) => [
  { label: 'Analyse', to: `/w/${params.slug}/analyse` },
  { label: 'Cijfers importeren', to: `/w/${params.slug}/analyse/import` },
  { label: 'CBS-import' },
]);

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
  return (
    <JobProgress job={job} title={`CBS-tabel ${job.table} ophalen`} back={{ to: '../..', label: 'Terug naar importeren' }} />
  );
}
