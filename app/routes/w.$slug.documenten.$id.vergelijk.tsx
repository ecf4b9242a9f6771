import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireDocument } from '../http/guards.server.ts';
import { compareContent } from '../features/documents/compare.ts';
import { readState } from '../features/documents/rich-text.ts';
import { getVersion } from '../features/documents/documents.server.ts';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { plural } from '../lib/plural.ts';

export const handle = crumbs<typeof loader>(({ data, params }) => [
  { label: 'Documenten', to: `/w/${params.slug}/documenten` },
  { label: data.title, to: data.base },
  { label: 'Vergelijken' },
]);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { document, workspace } = await requireDocument(context, request, params, 'workspace.view');
  const url = new URL(request.url);
  const side = async (key: string) => {
    const choice = url.searchParams.get(key) ?? 'huidig';
    if (choice === 'huidig')
      return { label: 'de huidige tekst', content: readState(await context.collab.readState(document.id)) };
    const version = await getVersion(context.db, document.id, choice);
    if (!version) throw new Response('Kies twee versies uit de lijst.', { status: 400 });
    return { label: `versie “${version.name}”`, content: readState(version.state) };
  };
  const [from, to] = [await side('van'), await side('naar')];
  return {
    base: `/w/${workspace.slug}/documenten/${document.id}`,
    title: document.title,
    from: from.label,
    to: to.label,
    ...compareContent(from.content, to.content),
  };
}

export default function Compare() {
  const { base, title, from, to, parts, added, removed, byLine } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="utrecht-paragraph">
        <Link to={`${base}/versies`} className="utrecht-link">
          Alle versies van {title}
        </Link>
      </p>
      <h2 className="utrecht-heading-2">Vergelijking</h2>
      <p className="utrecht-paragraph">
        Van {from} naar {to}: {plural(added, 'woord', 'woorden')} toegevoegd, {plural(removed, 'woord', 'woorden')} verwijderd.{' '}
        <span className="diff-legend">Toegevoegd is onderstreept en groen, verwijderd is doorgestreept en rood.</span>
      </p>
      {byLine ? (
        <p className="utrecht-paragraph muted">
          De teksten verschillen zo veel dat ze per regel zijn vergeleken, niet per woord.
        </p>
      ) : null}
      <div className="diff" data-testid="diff">
        {parts.map((part, i) =>
          part.change === 'added' ? (
            <ins key={i}>
              <span className="visually-hidden">[toegevoegd: </span>
              {part.value}
              <span className="visually-hidden">]</span>
            </ins>
          ) : part.change === 'removed' ? (
            <del key={i}>
              <span className="visually-hidden">[verwijderd: </span>
              {part.value}
              <span className="visually-hidden">]</span>
            </del>
          ) : (
            <span key={i}>{part.value}</span>
          )
        )}
      </div>
    </>
  );
}
