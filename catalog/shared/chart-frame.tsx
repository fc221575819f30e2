'use client';
/**
 * The frame every data view shares: an optional title and description, a
 * fixed-height body, an empty state, and a notice when the row cap cut the
 * result. Charts render inside `children` at the given pixel height. A frame
 * given rows offers them as "Download CSV", under the result's own columns.
 */
import type { ReactNode } from 'react';
import type { BoundRows } from '../../lib/spec/resolved';
import type { PageLayout } from '../view-types';
import { DownloadCsvFooter } from './download-csv';
import { ValueWarnings } from './value-warnings';

export interface ChartFrameProps {
  title?: string;
  description?: string;
  data?: BoundRows;
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

export function ChartFrame({ title, description, data, height = 280, layout, emptyText = 'No rows', children, className, warnings }: ChartFrameProps) {
  const empty = data !== undefined && data.rows.length === 0;
  const bodyHeight = layout === 'single' ? Math.max(height, 480) : height;
  return (
    <figure className={`ap-frame${className ? ` ${className}` : ''}`}>
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
          Showing the first {data.rows.length.toLocaleString('en-US')} rows: the platform&apos;s row cap cut the result of{' '}
          <code>{data.query}</code>.
        </div>
      ) : null}
      <ValueWarnings warnings={warnings} />
      {data && data.rows.length > 0 ? (
        <DownloadCsvFooter name={title || data.query} columns={data.columns.map((c) => ({ key: c.name }))} rows={() => data.rows} />
      ) : null}
    </figure>
  );
}
