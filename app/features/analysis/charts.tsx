// Charts for the monitor: plain SVG drawn on the server, so a chart is in the HTML with its table and needs
// no JavaScript. Every chart is a figure with a caption naming its source, and its numbers in a table
// beside it: the table is the accessible version, so the SVG is aria-hidden (a picture of the same numbers,
// no focus). Colours and line styles come from classes in app/styles/charts.css, geometry from SVG
// attributes: no style attributes (the CSP allows none). Nothing is measured in a browser, so the margins
// are computed from the tick and name labels with a generous estimate of their width.
import type { ReactNode } from 'react';
import { niceScale, type Scale } from './chart-scale.ts';

/** The SVG's own width; it scales down with the page (see .chart in charts.css). */
const WIDTH = 340;
/** Font size in SVG units, also the svg's font-size attribute (the estimates below depend on it). */
const FONT = 13;
const POINT = 3.5;
const EDGE = 4; // blank edge of the viewBox

/** A wide estimate of a label's width: digits and most letters of a sans-serif font stay under it. */
const textWidth = (text: string, bold = false) => text.length * FONT * (bold ? 0.68 : 0.62);

const valueFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const formatValue = (value: number | null, percent: boolean) =>
  value === null ? 'geen cijfer' : `${valueFormat.format(value)}${percent ? '%' : ''}`;

export function ChartFigure({
  title,
  source,
  chart,
  table,
}: {
  title: string;
  source: string;
  chart: ReactNode;
  table: ReactNode;
}) {
  return (
    <figure className="chart-figure">
      <figcaption>
        <strong>{title}</strong>
        <span className="chart-figure__source">Bron: {source}</span>
      </figcaption>
      <div className="chart-figure__body">
        <div className="chart-figure__chart">{chart}</div>
        <div className="chart-figure__table">{table}</div>
      </div>
    </figure>
  );
}

function ChartSvg({ height, kind, children }: { height: number; kind: string; children: ReactNode }) {
  return (
    <svg
      className={`chart chart--${kind}`}
      viewBox={`0 0 ${WIDTH} ${Math.ceil(height)}`}
      width={WIDTH}
      height={Math.ceil(height)}
      fontSize={FONT}
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export interface Series {
  key: string;
  name: string;
}

/** Dash patterns per series, so that lines differ by more than their colour (colours: charts.css). */
const DASHES = [undefined, '6 4', '2 3'];

/** Lines over the years; `data` has one entry per year with a value per series (null = no point, a gap in the line). */
export function TrendChart({
  data,
  series,
  percent = false,
}: {
  data: Array<Record<string, string | number | null>>;
  series: Series[];
  percent?: boolean;
}) {
  const valueOf = (d: Record<string, string | number | null>, key: string) => {
    const v = d[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const scale = niceScale(
    data.flatMap((d) => series.map((s) => valueOf(d, s.key))),
    { percent }
  );

  // The legend on top, wrapping when its entries do not fit on one line.
  const legendRow = FONT + 10;
  let cursor = EDGE;
  let rows = 1;
  const legend = series.map((s, i) => {
    const width = 28 + 6 + textWidth(s.name);
    if (cursor > EDGE && cursor + width > WIDTH - EDGE) {
      cursor = EDGE;
      rows += 1;
    }
    const item = { s, i, x: cursor, y: (rows - 1) * legendRow + legendRow / 2 + 2 };
    cursor += width + 18;
    return item;
  });

  const labelWidth = Math.max(...scale.ticks.map((t) => textWidth(t.label)));
  const left = EDGE + labelWidth + 8;
  const top = rows * legendRow + Math.max(FONT / 2 + 2, POINT + 2);
  const plotHeight = 180;
  const bottom = FONT + 12;
  const height = top + plotHeight + bottom;
  const periodWidth = Math.max(0, ...data.map((d) => textWidth(String(d.period ?? ''))));
  const pad = Math.max(periodWidth / 2, POINT + 2) + 4;
  const x0 = left + pad;
  const x1 = WIDTH - EDGE - pad;
  const x = (i: number) => (data.length > 1 ? x0 + ((x1 - x0) * i) / (data.length - 1) : (x0 + x1) / 2);
  const y = (v: number) => top + plotHeight * (1 - (v - scale.min) / (scale.max - scale.min));
  // Thin out the year labels when they would touch.
  const spacing = data.length > 1 ? (x1 - x0) / (data.length - 1) : Infinity;
  const every = Math.max(1, Math.ceil((periodWidth + 8) / spacing));

  return (
    <ChartSvg height={height} kind="trend">
      <g className="chart__legend">
        {legend.map(({ s, i, x: lx, y: ly }) => (
          <g key={s.key} className={`chart__series chart__series--${i % 3}`}>
            <line className="chart__line" x1={lx} x2={lx + 28} y1={ly} y2={ly} strokeDasharray={DASHES[i % 3]} />
            <circle className="chart__point" cx={lx + 14} cy={ly} r={POINT} />
            <text x={lx + 34} y={ly} dy="0.35em">
              {s.name}
            </text>
          </g>
        ))}
      </g>
      <g className="chart__axis">
        {scale.ticks.map((t) => (
          <g key={t.value}>
            <line
              className={t.value === 0 ? 'chart__baseline' : 'chart__grid'}
              x1={left}
              x2={WIDTH - EDGE}
              y1={y(t.value)}
              y2={y(t.value)}
            />
            <text className="chart__tick" x={left - 8} y={y(t.value)} dy="0.35em" textAnchor="end">
              {t.label}
            </text>
          </g>
        ))}
        {data.map((d, i) =>
          i % every === 0 || i === data.length - 1 ? (
            <text key={String(d.period)} className="chart__period" x={x(i)} y={top + plotHeight + FONT + 6} textAnchor="middle">
              {String(d.period ?? '')}
            </text>
          ) : null
        )}
      </g>
      {series.map((s, i) => {
        // A line through consecutive years with a figure; a missing year breaks it.
        const segments: Array<Array<[number, number]>> = [[]];
        data.forEach((d, j) => {
          const v = valueOf(d, s.key);
          if (v === null) segments.push([]);
          else segments.at(-1)!.push([x(j), y(v)]);
        });
        return (
          <g key={s.key} className={`chart__series chart__series--${i % 3}`}>
            {segments
              .filter((points) => points.length > 1)
              .map((points) => (
                <polyline
                  key={points[0]!.join()}
                  className="chart__line"
                  points={points.map((p) => p.map((n) => n.toFixed(1)).join(',')).join(' ')}
                  strokeDasharray={DASHES[i % 3]}
                />
              ))}
            {data.map((d, j) => {
              const v = valueOf(d, s.key);
              return v === null ? null : (
                <circle key={String(d.period)} className="chart__point" cx={x(j)} cy={y(v)} r={POINT}>
                  <title>{`${s.name}, ${String(d.period)}: ${formatValue(v, percent)}`}</title>
                </circle>
              );
            })}
          </g>
        );
      })}
    </ChartSvg>
  );
}

/**
 * Horizontal bars per gemeente (the names read level, at any width), with the regional figure as a dashed
 * line labelled "regio". One's own gemeente is darker and outlined, and its name bold: not only another colour.
 */
export function ComparisonChart({
  data,
  average,
  highlight,
  percent = false,
}: {
  data: Array<{ name: string; value: number | null; id: string }>;
  average: number | null;
  highlight?: string;
  percent?: boolean;
}) {
  const nameWidth = Math.max(0, ...data.map((d) => textWidth(d.name, d.id === highlight)));
  const left = EDGE + nameWidth + 10;
  // The value labels stand side by side under the bars: fewer steps until they fit without touching.
  const values = [...data.map((d) => d.value), average];
  const rightOf = (axis: Scale) => WIDTH - EDGE - textWidth(axis.ticks.at(-1)!.label) / 2;
  const crowded = (axis: Scale) =>
    (rightOf(axis) - left) / (axis.ticks.length - 1) < Math.max(...axis.ticks.map((t) => textWidth(t.label))) + 8;
  let intervals = 5;
  let scale = niceScale(values, { percent, intervals });
  while (intervals > 1 && crowded(scale)) scale = niceScale(values, { percent, intervals: --intervals });
  const right = rightOf(scale);
  const referenceLabel = 'regio';
  const top = average !== null ? FONT + 12 : POINT + 2;
  const row = 22;
  const bar = 14;
  const plotHeight = data.length * row;
  const bottom = FONT + 12;
  const height = top + plotHeight + bottom;
  const x = (v: number) => left + ((right - left) * (v - scale.min)) / (scale.max - scale.min);
  const rowY = (i: number) => top + i * row;

  let reference: ReactNode = null;
  if (average !== null) {
    const ax = x(average);
    const half = textWidth(referenceLabel, true) / 2;
    const labelX = Math.min(Math.max(ax, EDGE + half), WIDTH - EDGE - half);
    reference = (
      <g className="chart__reference">
        <line className="chart__reference-line" x1={ax} x2={ax} y1={top - 4} y2={top + plotHeight}>
          <title>{`Regio: ${formatValue(average, percent)}`}</title>
        </line>
        <text className="chart__reference-label" x={labelX} y={top - 8} textAnchor="middle">
          {referenceLabel}
        </text>
      </g>
    );
  }

  return (
    <ChartSvg height={height} kind="comparison">
      <g className="chart__axis">
        {scale.ticks.map((t) => (
          <g key={t.value}>
            <line
              className={t.value === 0 ? 'chart__baseline' : 'chart__grid'}
              x1={x(t.value)}
              x2={x(t.value)}
              y1={top}
              y2={top + plotHeight}
            />
            <text className="chart__tick" x={x(t.value)} y={top + plotHeight + FONT + 6} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
      </g>
      {data.map((d, i) => {
        const own = d.id === highlight;
        const middle = rowY(i) + row / 2;
        return (
          <g key={d.id}>
            <text className={own ? 'chart__name chart__name--own' : 'chart__name'} x={EDGE} y={middle} dy="0.35em">
              {d.name}
            </text>
            {d.value === null ? (
              <text x={x(0) + 4} y={middle} dy="0.35em">
                –
              </text>
            ) : (
              <rect
                className={own ? 'chart__bar chart__bar--own' : 'chart__bar'}
                x={Math.min(x(0), x(d.value))}
                width={Math.abs(x(d.value) - x(0))}
                y={middle - bar / 2}
                height={bar}
              >
                <title>{`${d.name}: ${formatValue(d.value, percent)}`}</title>
              </rect>
            )}
          </g>
        );
      })}
      {reference}
    </ChartSvg>
  );
}
