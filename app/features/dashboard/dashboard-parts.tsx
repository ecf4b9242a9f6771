// Pieces of the dashboard page: the print button and the stacked bars of actions by status. The bars are
// SVG drawn on the server (no style attributes: the CSP allows none; colours in app/styles/dashboard.css);
// the table beside them holds the same numbers and is what assistive technology reads.
import { useEffect, useState } from 'react';
import type { ActionStatus } from '../../../db/schema.ts';
import { ACTION_STATUSES, ACTION_STATUS_LABELS } from '../../core/labels.ts';

/** Prints the page (the browser's own menu does the same, also without JavaScript: then no button shows). */
export function PrintButton() {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => window.print()}>
      Afdrukken
    </button>
  );
}

const WIDTH = 340;
const FONT = 12;
const ROW = 34;
const BAR = 12;
const LEGEND = 22;

/** One bar per workspace, its segments the actions per status; widths relative to the largest total. */
export function ActionStatusBars({ rows }: { rows: Array<{ label: string; counts: Record<ActionStatus, number> }> }) {
  const totals = rows.map((r) => ACTION_STATUSES.reduce((sum, s) => sum + r.counts[s], 0));
  const max = Math.max(1, ...totals);
  const legendRows = 2;
  const top = legendRows * LEGEND + 4;
  const height = top + rows.length * ROW;
  const legendWidth = (WIDTH - 8) / 3;
  return (
    <svg
      className="status-bars"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width={WIDTH}
      height={height}
      fontSize={FONT}
      aria-hidden="true"
      focusable="false"
    >
      <g>
        {ACTION_STATUSES.map((s, i) => {
          const x = 4 + (i % 3) * legendWidth;
          const y = Math.floor(i / 3) * LEGEND + 4;
          return (
            <g key={s}>
              <rect className={`status-bars__seg status-bars__seg--${s}`} x={x} y={y} width={12} height={12} />
              <text x={x + 18} y={y + 6} dy="0.35em">
                {ACTION_STATUS_LABELS[s]}
              </text>
            </g>
          );
        })}
      </g>
      {rows.map((r, i) => {
        const y = top + i * ROW;
        let x = 4;
        return (
          <g key={r.label}>
            <text x={4} y={y + FONT}>
              {r.label} ({totals[i]})
            </text>
            <rect className="status-bars__track" x={4} y={y + FONT + 4} width={WIDTH - 8} height={BAR} />
            {ACTION_STATUSES.map((s) => {
              const w = ((WIDTH - 8) * r.counts[s]) / max;
              const seg =
                w > 0 ? (
                  <rect
                    key={s}
                    className={`status-bars__seg status-bars__seg--${s}`}
                    x={x}
                    y={y + FONT + 4}
                    width={w}
                    height={BAR}
                  />
                ) : null;
              x += w;
              return seg;
            })}
          </g>
        );
      })}
    </svg>
  );
}
