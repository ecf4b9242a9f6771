import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';

/** A page section with a level-2 heading that names it for assistive technology. */
export function Section({ id, title, narrow, children }: { id: string; title: string; narrow?: boolean; children: ReactNode }) {
  return (
    <section className={`section${narrow ? ' page-narrow' : ''}`} aria-labelledby={id}>
      <h2 id={id} className="utrecht-heading-2">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** An NL Design System table with column headers; wide tables scroll sideways instead of the page. */
export function DataTable({ caption, columns, children }: { caption?: string; columns: ReactNode[]; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className="utrecht-table">
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {columns.map((column, index) => (
              <th key={index} scope="col" className="utrecht-table__header-cell">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">{children}</tbody>
      </table>
    </div>
  );
}

/** The link back to the page one level up, above a page's heading. */
export function BackLink({ to = '..', children }: { to?: string; children: ReactNode }) {
  return (
    <p className="utrecht-paragraph">
      <Link to={to} relative="path" className="utrecht-link">
        {children}
      </Link>
    </p>
  );
}
