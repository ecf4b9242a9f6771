import { Link } from '@remix-run/react';
import { STEP_NAMES } from '../../core/labels.ts';

/** The first two cells of a document row: its title (a link) and its step. */
export function DocumentCells({ slug, document }: { slug: string; document: { id: string; title: string; step: number } }) {
  return (
    <>
      <th scope="row" className="utrecht-table__header-cell">
        <Link to={`/w/${slug}/documenten/${document.id}`} className="utrecht-link">
          {document.title}
        </Link>
      </th>
      <td className="utrecht-table__cell">
        {document.step}. {STEP_NAMES[document.step]}
      </td>
    </>
  );
}
