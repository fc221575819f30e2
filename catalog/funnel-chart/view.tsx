'use client';
import { countOf, formatValue, toNumber } from '../../lib/format/format-value';
import { ChartFrame } from '../shared/chart-frame';
import { seriesColor } from '../shared/palette';
import { ChartBody, MissingColumns, NothingToDraw, categoryLabel, missingColumns } from '../shared/category-charts';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

interface Stage {
  label: string;
  value: number;
}

function percent(part: number, whole: number): string {
  return whole > 0 ? formatValue(part / whole, 'ratio', { digits: 1 }) : '—';
}

/** Stages in the order they first appear; a stage repeated in the rows is summed. */
function readStages(rows: readonly Record<string, unknown>[], label: string, value: string) {
  const stages = new Map<string, number>();
  let skipped = 0;
  let negative = 0;
  for (const row of rows) {
    const n = toNumber(row[value]);
    if (n === undefined) {
      skipped++;
      continue;
    }
    if (n < 0) {
      negative++;
      continue;
    }
    const name = categoryLabel(row[label]);
    stages.set(name, (stages.get(name) ?? 0) + n);
  }
  return { stages: [...stages].map(([l, v]): Stage => ({ label: l, value: v })), skipped, negative };
}

export function FunnelChartView({ props, layout }: ViewProps<Props>) {
  const { data, label, value, valueFormat, colors, showConversion, height, title, description } = props;
  const missing = missingColumns(data, [label, value]);

  let body;
  if (missing.length > 0) {
    body = <MissingColumns data={data} missing={missing} />;
  } else {
    const { stages, skipped, negative } = readStages(data.rows, label, value);
    const notes = [
      skipped > 0 && `${countOf(skipped, 'row')} without a numeric ${value} left out.`,
      negative > 0 && `${countOf(negative, 'row')} with a negative ${value} left out.`,
    ];
    const max = Math.max(0, ...stages.map((s) => s.value));
    const first = stages[0];
    const last = stages[stages.length - 1];
    if (!first || !last) {
      body = (
        <ChartBody notes={notes}>
          <NothingToDraw>No numeric values in {value} to draw.</NothingToDraw>
        </ChartBody>
      );
    } else {
      body = (
        <ChartBody notes={notes}>
          <div className={styles.funnel}>
            <ol className={styles.stages} aria-label={title ? `${title}: stages` : 'Stages'}>
              {stages.map((stage, i) => {
                const prev = i > 0 ? stages[i - 1] : undefined;
                const width = max > 0 ? (stage.value / max) * 100 : 0;
                const shown = formatValue(stage.value, valueFormat);
                const fromPrev = prev ? percent(stage.value, prev.value) : undefined;
                const fromFirst = i > 0 ? percent(stage.value, first.value) : undefined;
                const spoken = `${stage.label}: ${shown}${fromPrev ? `, ${fromPrev} of ${prev!.label}` : ''}${
                  fromFirst && i > 1 ? `, ${fromFirst} of ${first.label}` : ''
                }`;
                return (
                  <li key={stage.label} className={styles.stage} aria-label={spoken}>
                    {showConversion && prev ? (
                      <div className={styles.step} aria-hidden="true">
                        <span />
                        <span className={styles.stepMid}>
                          ↓ <span className={styles.stepValue}>{fromPrev}</span> conversion
                        </span>
                        <span />
                      </div>
                    ) : null}
                    <div className={styles.row} title={spoken}>
                      <span className={styles.label}>{stage.label}</span>
                      <span className={styles.track}>
                        <span
                          className={styles.bar}
                          style={{ width: `${width}%`, background: colors ? seriesColor(i, colors) : seriesColor(0) }}
                        />
                      </span>
                      <span className={styles.value}>
                        {shown}
                        {showConversion && fromFirst ? <span className={styles.share}>{fromFirst}</span> : null}
                      </span>
                    </div>
                  </li>
                );
              })}
            </ol>
            {showConversion && stages.length > 1 ? (
              <p className={styles.overall}>
                Overall conversion: <strong>{percent(last.value, first.value)}</strong> from {first.label} to {last.label}
              </p>
            ) : null}
          </div>
        </ChartBody>
      );
    }
  }

  return (
    <ChartFrame kind="Funnel chart" subject={`${value} by ${label}`} title={title} description={description} data={data} height={height} layout={layout} emptyText="No rows to chart">
      {body}
    </ChartFrame>
  );
}
