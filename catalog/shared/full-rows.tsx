'use client';
/**
 * A chart that drew a reduction of its rows (the server's, BoundRows.drawn)
 * offers all of them from the address the server gave: Show data fetches the
 * first rows as JSON, Download CSV is a link to the streamed CSV. The page's
 * own query string (a view's params; an embed's token, theme and params) goes
 * with the request, so the rows come as the same identity, slice and params.
 */
import { useEffect, useState } from 'react';
import { ROWS_ROUTE_KEYS } from '../../lib/spec/drawing';
import type { BoundRows, ResultColumn, Row } from '../../lib/spec/resolved';
import { ChartDataTable } from './chart-data';
import styles from './download-csv.module.css';

/** `href` plus the page's query string and the format asked for. */
export function fullRowsUrl(href: string, format: 'csv' | 'json', pageSearch: string, all = false): string {
  const url = new URL(href, 'http://app.invalid');
  for (const [key, value] of new URLSearchParams(pageSearch)) if (!ROWS_ROUTE_KEYS.includes(key) && !url.searchParams.has(key)) url.searchParams.append(key, value);
  url.searchParams.set('format', format);
  if (all) url.searchParams.set('rows', 'all');
  return `${url.pathname}${url.search}`;
}

const pageSearch = () => (typeof window === 'undefined' ? '' : window.location.search);

/** A full-rows route's JSON, asked with the page's query string: the first rows Show data lists, or with `all` every row. */
async function fetchFullRows(href: string, all: boolean): Promise<{ columns: ResultColumn[]; rows: Row[]; total: number; truncated?: boolean }> {
  const response = await fetch(fullRowsUrl(href, 'json', pageSearch(), all), { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(String(response.status));
  return (await response.json()) as { columns: ResultColumn[]; rows: Row[]; total: number; truncated?: boolean };
}

/** "Download CSV" as a link to every row, streamed by the server. */
export function DownloadAllCsv({ href, name }: { href: string; name: string }) {
  const [url, setUrl] = useState(() => fullRowsUrl(href, 'csv', ''));
  // The page's query string is the browser's: read after hydration so server and client render alike.
  useEffect(() => setUrl(fullRowsUrl(href, 'csv', pageSearch())), [href]);
  return (
    <a className={styles.button} href={url} download title={`Download every row of ${name} as a CSV file`} style={{ textDecoration: 'none' }}>
      Download CSV
    </a>
  );
}

interface Fetched {
  columns: string[];
  rows: Row[];
  total: number;
}

/** Show data's table over the full rows, fetched when opened. */
export function FullRowsTable({ id, name, href }: { id: string; name: string; href: string }) {
  const [state, setState] = useState<{ data?: Fetched; failed?: boolean }>({});
  useEffect(() => {
    let live = true;
    fetchFullRows(href, false)
      .then((body) => {
        if (live) setState({ data: { columns: body.columns.map((c) => c.name), rows: body.rows, total: body.total } });
      })
      .catch(() => live && setState({ failed: true }));
    return () => {
      live = false;
    };
  }, [href]);
  if (state.data) return <ChartDataTable id={id} name={name} columns={state.data.columns} rows={state.data.rows} total={state.data.total} />;
  return (
    <div id={id} className={styles.data} role="status" aria-live="polite">
      <p className={styles.caption}>{state.failed ? `The rows of ${name} could not be loaded.` : `Loading the rows of ${name}…`}</p>
    </div>
  );
}

/**
 * A view that shows rows rather than drawing them (a table): the rows the
 * server sent, until `load()` asks for all of them; then every row, as the
 * page sees them. `pending` while more rows exist than were sent.
 */
export function useFullRows(data: BoundRows): { data: BoundRows; load: () => void; pending: boolean } {
  const href = data.drawn?.href;
  const [asked, setAsked] = useState(false);
  const [loaded, setLoaded] = useState<{ from: BoundRows; data: BoundRows }>();
  useEffect(() => {
    if (!asked || !href) return;
    let live = true;
    fetchFullRows(href, true)
      .then((body) => {
        if (live) setLoaded({ from: data, data: { query: data.query, columns: body.columns, rows: body.rows, truncated: body.truncated === true } });
      })
      // The rows sent stay shown; the count still says how many there are.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [asked, href, data]);
  const current = loaded && loaded.from === data ? loaded.data : data;
  return { data: current, load: () => setAsked(true), pending: href !== undefined && current === data };
}
