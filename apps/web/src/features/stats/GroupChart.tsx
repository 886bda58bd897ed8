import type { ResponseTimeGroup } from '@watchfloor/contracts';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTheme } from '../../app/ThemeProvider.tsx';
import { formatAxisSeconds, formatSeconds } from './statsFormat.ts';
import { statsPalette, tooltipStyles } from './statsPalette.ts';

interface GroupChartProps {
  groups: readonly ResponseTimeGroup[];
  labelOf: (group: ResponseTimeGroup) => string;
  /** `bars` for categories, `lines` for a trend over time. */
  kind: 'bars' | 'lines';
  showTargets?: boolean;
  onDrill?: (group: ResponseTimeGroup) => void;
  /** Says in words what the chart shows; the table beside it has the numbers. */
  summary: string;
}

/**
 * Median and p90 of each group (bars, or lines for a trend), with the target where one
 * applies. A click on a bar opens the calls behind it. The chart is a picture for sighted
 * users; its table (always on the page) is the accessible view.
 */
export function GroupChart({
  groups,
  labelOf,
  kind,
  showTargets,
  onDrill,
  summary,
}: GroupChartProps) {
  const { t } = useTranslation();
  const palette = statsPalette(useTheme().theme);
  const data = groups.map((group) => ({
    label: labelOf(group),
    median: group.median,
    p90: group.p90,
    target: group.target,
  }));
  const drill = (index: number) => {
    const group = groups[index];
    if (group && onDrill) onDrill(group);
  };
  const seconds = (value: unknown) => formatSeconds(typeof value === 'number' ? value : null, t);

  return (
    <figure className="stats-chart" role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart
          data={data}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={palette.grid} vertical={false} />
          <XAxis
            dataKey="label"
            stroke={palette.axis}
            tick={{ fill: palette.axis, fontSize: 12 }}
          />
          <YAxis
            stroke={palette.axis}
            tick={{ fill: palette.axis, fontSize: 12 }}
            tickFormatter={formatAxisSeconds}
            width={56}
          />
          <Tooltip formatter={seconds} {...tooltipStyles(palette)} />
          <Legend />
          {kind === 'bars' ? (
            <>
              <Bar
                dataKey="median"
                name={t('stats.median')}
                fill={palette.median}
                cursor={onDrill ? 'pointer' : undefined}
                onClick={(_, index) => drill(index)}
              />
              <Bar
                dataKey="p90"
                name={t('stats.p90')}
                fill={palette.p90}
                fillOpacity={0.2}
                stroke={palette.p90}
                strokeWidth={2}
                cursor={onDrill ? 'pointer' : undefined}
                onClick={(_, index) => drill(index)}
              />
            </>
          ) : (
            <>
              <Line
                dataKey="median"
                name={t('stats.median')}
                stroke={palette.median}
                strokeWidth={2}
              />
              <Line
                dataKey="p90"
                name={t('stats.p90')}
                stroke={palette.p90}
                strokeWidth={2}
                strokeDasharray="6 4"
              />
            </>
          )}
          {showTargets && (
            <Line
              dataKey="target"
              name={t('stats.target')}
              stroke={palette.target}
              strokeWidth={0}
              dot={{ r: 5, fill: palette.target, strokeWidth: 0 }}
              activeDot={false}
              isAnimationActive={false}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
