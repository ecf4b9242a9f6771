// A woondeal's split (e.g. Twente's 30/40/30) as one bar of 100 %, drawn on the server like the monitor's
// charts (../analysis/charts.tsx): the SVG is a picture of the table beside it, aria-hidden. Each part has
// its percentage written in it and its own colour and place in the legend (charts.css), so colour is never
// the only way to tell them apart. No style attributes (the CSP allows none).
import { TableScroll } from '../../components/ui/layout.tsx';
import { ChartFigure } from '../analysis/charts.tsx';
import { homesForShare, SHARE_KEYS, SHARE_LABELS, type ShareKey } from './woondeal-forms.ts';

const WIDTH = 340;
const FONT = 13;
const EDGE = 4;
const BAR = 36;
const LEGEND_ROW = FONT + 10;
const SWATCH = 14;

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });

export interface Split {
  name: string;
  targetHomes: number | null;
  targetYear: number | null;
  shares: Record<ShareKey, number | null>;
}

/** True when all three parts are given (the form makes sure they then add up to 100 %). */
export function hasCompleteSplit(split: Split): boolean {
  return SHARE_KEYS.every((k) => split.shares[k] !== null);
}

function SplitBar({ shares }: { shares: Record<ShareKey, number> }) {
  const inner = WIDTH - 2 * EDGE;
  let x = EDGE;
  const parts = SHARE_KEYS.map((key, i) => {
    const width = (inner * shares[key]) / 100;
    const part = { key, i, x, width, share: shares[key] };
    x += width;
    return part;
  });
  const legendTop = EDGE + BAR + 14;
  const height = legendTop + SHARE_KEYS.length * LEGEND_ROW;
  return (
    <svg
      className="chart chart--split"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width={WIDTH}
      height={height}
      fontSize={FONT}
      aria-hidden="true"
      focusable="false"
    >
      {parts.map((p) =>
        p.width <= 0 ? null : (
          <g key={p.key} className={`chart__series chart__series--${p.i}`}>
            <rect className="chart__segment" x={p.x} y={EDGE} width={p.width} height={BAR} />
            {p.width >= 40 ? (
              <text className="chart__segment-label" x={p.x + p.width / 2} y={EDGE + BAR / 2} dy="0.35em" textAnchor="middle">
                {`${p.share}%`}
              </text>
            ) : null}
          </g>
        )
      )}
      {parts.map((p) => {
        const y = legendTop + p.i * LEGEND_ROW + LEGEND_ROW / 2;
        return (
          <g key={p.key} className={`chart__series chart__series--${p.i}`}>
            <rect className="chart__segment" x={EDGE} y={y - SWATCH / 2} width={SWATCH} height={SWATCH} />
            <text x={EDGE + SWATCH + 8} y={y} dy="0.35em">
              {`${SHARE_LABELS[p.key]} ${p.share}%`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The split as a chart with its table (percentages and, with a target, the homes each part stands for). */
export function SplitFigure({ split, source }: { split: Split; source: string }) {
  const complete = hasCompleteSplit(split);
  // In its own scroll box: at 320 px its three columns may be wider than the figure (the page never scrolls).
  const table = (
    <TableScroll label={`Verdeling van ${split.name}`}>
      <table className="utrecht-table chart-table">
        <caption className="visually-hidden">Verdeling van {split.name}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th className="utrecht-table__header-cell" scope="col">
              Deel
            </th>
            <th className="utrecht-table__header-cell" scope="col">
              Aandeel
            </th>
            {split.targetHomes !== null ? (
              <th className="utrecht-table__header-cell" scope="col">
                Woningen
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {SHARE_KEYS.map((key) => {
            const share = split.shares[key];
            const homes = homesForShare(split.targetHomes, share);
            return (
              <tr key={key} className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="row">
                  {SHARE_LABELS[key]}
                </th>
                <td className="utrecht-table__cell">{share === null ? 'niet vastgelegd' : `${share}%`}</td>
                {split.targetHomes !== null ? (
                  <td className="utrecht-table__cell">{homes === null ? '–' : number.format(homes)}</td>
                ) : null}
              </tr>
            );
          })}
          {split.targetHomes !== null ? (
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="row">
                Totaal{split.targetYear !== null ? ` tot ${split.targetYear}` : ''}
              </th>
              <td className="utrecht-table__cell">{complete ? '100%' : ''}</td>
              <td className="utrecht-table__cell">{number.format(split.targetHomes)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </TableScroll>
  );
  const shares = split.shares as Record<ShareKey, number>;
  return (
    <ChartFigure
      title={`Verdeling van de nieuwbouw: ${SHARE_KEYS.map((k) => (split.shares[k] === null ? '?' : split.shares[k])).join('/')}`}
      source={source}
      chart={complete ? <SplitBar shares={shares} /> : <p className="utrecht-paragraph">De verdeling is nog niet compleet.</p>}
      table={table}
    />
  );
}
