'use client';
/**
 * The frame every chart shares: an optional title and description, a
 * fixed-height body, an empty state, and a notice when the row cap cut the
 * result. Charts render inside `children` at the given pixel height.
 *
 * Accessibility lives here once, for every chart: the figure is named (its
 * title, or a generated "Bar chart of events by channel"), and the rows it
 * was given are offered as a table ("Show data") beside "Download CSV".
 */
import type { ReactNode } from 'react';
import type { BoundRows, Row } from '../../lib/spec/resolved';
import type { PageLayout } from '../view-types';
import { ChartDataTable, ChartDataToggle, useChartData } from './chart-data';
import { DownloadCsv } from './download-csv';
import { DownloadAllCsv, FullRowsTable } from './full-rows';
import styles from './download-csv.module.css';
import { ValueWarnings } from './value-warnings';

export interface ChartFrameProps {
  /** What kind of chart this is, spoken first in its name: "Bar chart". */
  kind?: string;
  /** What it shows, for the generated name when there is no title: "events by channel". */
  subject?: string;
  title?: string;
  description?: string;
  data?: BoundRows;
  /** The rows to offer when the chart was not given BoundRows (a gauge's values). */
  table?: { columns: readonly string[]; rows: readonly Row[] };
  /** Body height in pixels; `single` layouts grow to the viewport. */
  height?: number;
  layout?: PageLayout;
  /** What to show when there are no rows. */
  emptyText?: string;
  children: ReactNode;
  className?: string;
  /** Values that cannot be right (outside a declared range), said plainly under the chart. */
  warnings?: readonly string[];
}

/** The chart's accessible name: "<kind>: <title>", else "<kind> of <subject>". */
export function chartName(kind: string, title: string | undefined, subject: string | undefined, query: string | undefined): string {
  if (title) return `${kind}: ${title}`;
  const of = subject ?? query;
  return of ? `${kind} of ${of}` : kind;
}

export function ChartFrame({ kind = 'Chart', subject, title, description, data, table, height = 280, layout, emptyText = 'No rows', children, className, warnings }: ChartFrameProps) {
  const empty = data !== undefined && data.rows.length === 0;
  const bodyHeight = layout === 'single' ? Math.max(height, 480) : height;
  const name = chartName(kind, title, subject, data?.query);
  const offered = data && data.rows.length > 0 ? { columns: data.columns.map((c) => c.name), rows: data.rows } : table && table.rows.length > 0 ? table : undefined;
  // Rows the server reduced for drawing: the full ones are fetched from where it said.
  const drawn = data?.drawn;
  const fullHref = drawn?.href;
  const dataTable = useChartData();
  return (
    <figure className={`ap-frame${className ? ` ${className}` : ''}`} aria-label={name} data-chart={kind}>
      {title || description ? (
        <figcaption className="ap-frame-head">
          {title ? <span className="ap-frame-title">{title}</span> : null}
          {description ? <span className="ap-frame-desc">{description}</span> : null}
        </figcaption>
      ) : null}
      <div className="ap-frame-body" style={{ height: bodyHeight }}>
        {empty ? <div className="ap-empty">{emptyText}</div> : children}
      </div>
      {data?.truncated ? (
        <div className="ap-frame-note" role="note">
          Showing the first {(data.drawn?.total ?? data.rows.length).toLocaleString('en-US')} rows: the platform&apos;s row cap cut the result of{' '}
          <code>{data.query}</code>.
        </div>
      ) : null}
      {drawn ? (
        <div className="ap-frame-note" role="note" data-drawn={drawn.drawn}>
          {`${drawn.total.toLocaleString('en-US')} ${drawn.unit}, ${drawn.drawn.toLocaleString('en-US')} drawn (${drawn.method}).`}
        </div>
      ) : null}
      <ValueWarnings warnings={warnings} />
      {offered ? (
        <>
          <div className={styles.footer}>
            <ChartDataToggle open={dataTable.open} onToggle={dataTable.toggle} controls={dataTable.id} />
            {fullHref ? (
              <DownloadAllCsv href={fullHref} name={title || data?.query || kind} />
            ) : (
              <DownloadCsv name={title || data?.query || kind} columns={offered.columns.map((key) => ({ key }))} rows={() => offered.rows} />
            )}
          </div>
          {dataTable.open ? (
            fullHref ? (
              <FullRowsTable id={dataTable.id} name={name} href={fullHref} />
            ) : (
              <ChartDataTable id={dataTable.id} name={name} columns={offered.columns} rows={offered.rows} />
            )
          ) : null}
        </>
      ) : null}
    </figure>
  );
}
