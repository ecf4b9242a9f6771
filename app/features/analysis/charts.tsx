// Charts for the monitor (recharts: SVG, rendered on the server too). Every chart is a figure with a
// caption naming its source, and its numbers in a table beside it: the table is the accessible
// version (the chart is hidden from assistive technology and takes no focus), the chart a picture of the same numbers.
import { useEffect, useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';

const WIDTH = 520;
const HEIGHT = 260;
// Colours with at least 3:1 contrast against white, told apart by dash pattern too.
const SERIES = [
  { color: '#1f4e79', dash: undefined },
  { color: '#b35900', dash: '6 4' },
  { color: '#2e7d32', dash: '2 3' },
];
const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const format = (value: unknown) => (typeof value === 'number' ? number.format(value) : String(value ?? ''));

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
  // recharts measures in the browser and renders an empty box on the server: draw only after hydration,
  // which also keeps its work out of the server's response time. The table is there at once.
  const [drawn, setDrawn] = useState(false);
  useEffect(() => setDrawn(true), []);
  return (
    <figure className="chart-figure">
      <figcaption>
        <strong>{title}</strong>
        <span className="chart-figure__source">Bron: {source}</span>
      </figcaption>
      <div className="chart-figure__body">
        <div className="chart-figure__chart" aria-hidden="true">
          {drawn ? chart : null}
        </div>
        <div className="chart-figure__table">{table}</div>
      </div>
    </figure>
  );
}

export interface Series {
  key: string;
  name: string;
}

/** Lines over the years; `data` has one entry per year with a value per series (null = not shown). */
export function TrendChart({ data, series }: { data: Array<Record<string, string | number | null>>; series: Series[] }) {
  return (
    <LineChart
      width={WIDTH}
      height={HEIGHT}
      data={data}
      margin={{ top: 10, right: 20, bottom: 10, left: 10 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke="#d0d7de" strokeDasharray="3 3" />
      <XAxis dataKey="period" stroke="#333" />
      <YAxis stroke="#333" tickFormatter={format} width={70} />
      <Tooltip formatter={format} />
      <Legend />
      {series.map((s, i) => (
        <Line
          key={s.key}
          type="linear"
          dataKey={s.key}
          name={s.name}
          stroke={SERIES[i % SERIES.length]!.color}
          strokeDasharray={SERIES[i % SERIES.length]!.dash}
          strokeWidth={2}
          dot={{ r: 3 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}

/** Bars per gemeente, with the regional average as a line. */
export function ComparisonChart({
  data,
  average,
  highlight,
  valueName,
}: {
  data: Array<{ name: string; value: number | null; id: string }>;
  average: number | null;
  highlight?: string;
  valueName: string;
}) {
  return (
    <BarChart
      width={WIDTH}
      height={HEIGHT + 40}
      data={data}
      margin={{ top: 10, right: 44, bottom: 50, left: 10 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke="#d0d7de" strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="name" stroke="#333" angle={-35} textAnchor="end" interval={0} height={60} />
      <YAxis stroke="#333" tickFormatter={format} width={70} />
      <Tooltip formatter={format} />
      <Bar dataKey="value" name={valueName} fill={SERIES[0]!.color} isAnimationActive={false}>
        {data.map((d) => (
          // A highlighted bar (one's own gemeente) is darker and outlined, not only another colour.
          <Cell
            key={d.id}
            fill={d.id === highlight ? '#0b2540' : SERIES[0]!.color}
            stroke={d.id === highlight ? '#000' : undefined}
          />
        ))}
      </Bar>
      {average !== null ? (
        <ReferenceLine y={average} stroke="#b35900" strokeDasharray="6 4" label={{ value: 'regio', position: 'right' }} />
      ) : null}
    </BarChart>
  );
}
