import { Link } from '@remix-run/react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

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

/**
 * The sideways scroll of a wide table, so that it scrolls instead of the page (WCAG 1.4.10). Focusable and
 * named after its table: keyboard users scroll it with the arrow keys, and screen readers announce what it holds
 * (WCAG 2.1.1; axe: scrollable-region-focusable). When the table is wider than its box, a visible hint says so.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [wide, setWide] = useState(false);
  const hint = useId();
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const check = () => setWide(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div className="table-scroll-wrap">
      {wide ? (
        <p id={hint} className="table-scroll__hint">
          De tabel is breder dan het scherm: schuif hem opzij, of ga er met Tab naartoe en gebruik de pijltjestoetsen.
        </p>
      ) : null}
      <div
        ref={box}
        className="table-scroll"
        role="region"
        aria-label={label}
        aria-describedby={wide ? hint : undefined}
        tabIndex={0}
      >
        {children}
      </div>
    </div>
  );
}

/** An NL Design System table with column headers; its caption (hidden) names the table and its scroll region. */
export function DataTable({ caption, columns, children }: { caption: string; columns: ReactNode[]; children: ReactNode }) {
  return (
    <TableScroll label={caption}>
      <table className="utrecht-table">
        <caption className="visually-hidden">{caption}</caption>
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
    </TableScroll>
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
