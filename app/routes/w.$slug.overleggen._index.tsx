// PLACEHOLDER: replaced by the feature that owns this page (issue 14).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireAbility } from '../http/guards.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Overleggen' }));

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  await requireAbility(context, request, params.slug, 'workspace.view');
  return null;
}

export default function Placeholder() {
  return <h2 className="utrecht-heading-2">Overleggen</h2>;
}
