'use client';
/**
 * Drawn with a CSS grid, not recharts: it renders on the server, reads as a
 * table to assistive technology (ARIA table roles) and scrolls when large.
 */
import type { CSSProperties } from 'react';
import { countOf, formatValue, toNumber } from '../../lib/format/format-value';
import { ChartFrame } from '../shared/chart-frame';
import { ChartBody, MissingColumns, NONE_LABEL, NothingToDraw, categoryLabel, missingColumns } from '../shared/category-charts';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import { makeScale } from './color-scale';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;
type Aggregate = Props['aggregate'];

interface Category {
  key: string;
  raw: unknown;
}

interface Cell {
  sum: number;
  count: number;
  min: number;
  max: number;
}

function combine(cell: Cell, how: Aggregate): number {
  switch (how) {
    case 'sum':
      return cell.sum;
    case 'min':
      return cell.min;
    case 'max':
      return cell.max;
    default:
      return cell.sum / cell.count;
  }
}

function readMatrix(rows: readonly Record<string, unknown>[], x: string, y: string, value: string) {
  const xs = new Map<string, Category>();
  const ys = new Map<string, Category>();
  const cells = new Map<string, Cell>();
  let skipped = 0;
  let repeated = 0;
  for (const row of rows) {
    const xKey = categoryLabel(row[x]);
    const yKey = categoryLabel(row[y]);
    if (!xs.has(xKey)) xs.set(xKey, { key: xKey, raw: row[x] });
    if (!ys.has(yKey)) ys.set(yKey, { key: yKey, raw: row[y] });
    const n = toNumber(row[value]);
    if (n === undefined) {
      skipped++;
      continue;
    }
    const id = JSON.stringify([yKey, xKey]);
    const cell = cells.get(id);
    if (cell) {
      repeated++;
      cell.sum += n;
      cell.count++;
      cell.min = Math.min(cell.min, n);
      cell.max = Math.max(cell.max, n);
    } else {
      cells.set(id, { sum: n, count: 1, min: n, max: n });
    }
  }
  return { xs: [...xs.values()], ys: [...ys.values()], cells, skipped, repeated };
}

type Order = Props['xOrder'];

function byLabel(a: Category, b: Category): number {
  if (a.key === NONE_LABEL || b.key === NONE_LABEL) return a.key === b.key ? 0 : a.key === NONE_LABEL ? 1 : -1;
  const na = toNumber(a.raw);
  const nb = toNumber(b.raw);
  if (na !== undefined && nb !== undefined) return na - nb;
  if (a.raw instanceof Date && b.raw instanceof Date) return a.raw.getTime() - b.raw.getTime();
  return a.key.localeCompare(b.key, 'en', { numeric: true });
}

function ordered(categories: Category[], order: Order, totalOf: (c: Category) => number): Category[] {
  if (order === 'label') return [...categories].sort(byLabel);
  if (order === 'total') return [...categories].sort((a, b) => totalOf(b) - totalOf(a));
  return categories;
}

const AGGREGATE_WORDS: Record<Aggregate, string> = { avg: 'averaged', sum: 'summed', min: 'reduced to their minimum', max: 'reduced to their maximum' };

export function SignalMapView({ props, layout }: ViewProps<Props>) {
  const { data, x, y, value, xOrder, yOrder, scale: kind, center, min, max, aggregate, valueFormat, xFormat, yFormat, colors, showValues, height, title, description } =
    props;
  const missing = missingColumns(data, [x, y, value]);

  let body;
  if (missing.length > 0) {
    body = <MissingColumns data={data} missing={missing} />;
  } else {
    const matrix = readMatrix(data.rows, x, y, value);
    const { cells, skipped, repeated } = matrix;
    const values = new Map([...cells].map(([id, cell]) => [id, combine(cell, aggregate)]));
    const xTotals = new Map<string, number>();
    const yTotals = new Map<string, number>();
    for (const [id, v] of values) {
      const [yKey, xKey] = JSON.parse(id) as [string, string];
      xTotals.set(xKey, (xTotals.get(xKey) ?? 0) + v);
      yTotals.set(yKey, (yTotals.get(yKey) ?? 0) + v);
    }
    const xs = ordered(matrix.xs, xOrder, (c) => xTotals.get(c.key) ?? 0);
    const ys = ordered(matrix.ys, yOrder, (r) => yTotals.get(r.key) ?? 0);
    const empty = xs.length * ys.length - values.size;
    const notes = [
      repeated > 0 && `${countOf(repeated, 'row')} repeating a cell ${AGGREGATE_WORDS[aggregate]} into it.`,
      skipped > 0 && `${countOf(skipped, 'row')} without a numeric ${value}.`,
    ];
    if (values.size === 0) {
      body = (
        <ChartBody notes={notes}>
          <NothingToDraw>No numeric values in {value} to draw.</NothingToDraw>
        </ChartBody>
      );
    } else {
      const scale = makeScale({ kind, values: [...values.values()], center, min, max, colors });
      // 'auto' keeps the category as grouped (a Date as its ISO day); other formats format the raw value.
      const show = (c: Category, format: Props['xFormat']) => (format === 'auto' || c.raw === null || c.raw === undefined ? c.key : formatValue(c.raw, format));
      const showX = (c: Category) => show(c, xFormat);
      const showY = (c: Category) => show(c, yFormat);
      const gridStyle: CSSProperties = {
        gridTemplateColumns: `minmax(72px, max-content) repeat(${xs.length}, minmax(${showValues ? 48 : 24}px, 1fr))`,
        gridTemplateRows: `auto repeat(${ys.length}, minmax(${showValues ? 26 : 18}px, 1fr))`,
      };
      body = (
        <ChartBody notes={notes}>
          <div className={styles.layout}>
            <div className={styles.scroll} tabIndex={0} role="region" aria-label={`${title ?? `${value} by ${y} and ${x}`}: scrolls when large`}>
              <div role="table" aria-label={title ?? `${value} by ${y} and ${x}`} className={styles.grid} style={gridStyle}>
                <div role="row" className={styles.row}>
                  <div role="columnheader" className={styles.corner}>
                    <span className={styles.cornerText}>
                      {y} \ {x}
                    </span>
                  </div>
                  {xs.map((c) => (
                    <div role="columnheader" key={c.key} className={styles.colHead} title={showX(c)}>
                      {showX(c)}
                    </div>
                  ))}
                </div>
                {ys.map((r) => (
                  <div role="row" key={r.key} className={styles.row}>
                    <div role="rowheader" className={styles.rowHead} title={showY(r)}>
                      {showY(r)}
                    </div>
                    {xs.map((c) => {
                      const v = values.get(JSON.stringify([r.key, c.key]));
                      const where = `${showY(r)} × ${showX(c)}`;
                      if (v === undefined) {
                        return (
                          <div role="cell" key={c.key} className={`${styles.cell} ${styles.blank}`} title={`${where}: no data`} aria-label={`${where}: no data`} />
                        );
                      }
                      const shown = formatValue(v, valueFormat);
                      const color = scale.colorOf(v);
                      return (
                        <div
                          role="cell"
                          key={c.key}
                          className={styles.cell}
                          style={{ background: color.background, color: color.text }}
                          title={`${where}: ${shown}`}
                          aria-label={`${where}: ${shown}`}
                        >
                          {showValues ? shown : null}
                        </div>
                      );
                    })}
                  </div>
                ))}
              </div>
            </div>
            <div className={styles.legend} aria-label="Colour scale">
              <span className={styles.legendEnd}>{formatValue(scale.low, valueFormat)}</span>
              <span className={styles.ramp} style={{ background: scale.gradient }} aria-hidden="true">
                {scale.center !== undefined && scale.high > scale.low ? (
                  <span className={styles.centerMark} style={{ left: `${((scale.center - scale.low) / (scale.high - scale.low)) * 100}%` }}>
                    <span className={styles.centerText}>{formatValue(scale.center, valueFormat)}</span>
                  </span>
                ) : null}
              </span>
              <span className={styles.legendEnd}>{formatValue(scale.high, valueFormat)}</span>
              {empty > 0 ? (
                <span className={styles.legendBlank}>
                  <span className={`${styles.blankSwatch} ${styles.blank}`} aria-hidden="true" />
                  no data
                </span>
              ) : null}
            </div>
          </div>
        </ChartBody>
      );
    }
  }

  return (
    <ChartFrame kind="Signal map" subject={`${value} by ${y} and ${x}`} title={title} description={description} data={data} height={height} layout={layout} emptyText="No rows to chart">
      {body}
    </ChartFrame>
  );
}
