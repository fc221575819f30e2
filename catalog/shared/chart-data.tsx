'use client';
/**
 * "Show data": the rows a chart was given, as a real table, for readers who
 * cannot see the chart (screen readers, keyboard users, anyone who wants the
 * numbers). A disclosure button beside "Download CSV"; the table is built
 * only when opened, and shows at most MAX_ROWS rows (the CSV has them all).
 */
import { useId, useState } from 'react';
import { formatValue } from '../../lib/format/format-value';
import type { Row } from '../../lib/spec/resolved';
import styles from './download-csv.module.css';

export const MAX_ROWS = 1000;

export interface ChartDataProps {
  /** What the table is of, for its caption: the chart's accessible name. */
  name: string;
  columns: readonly string[];
  rows: readonly Row[];
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Text as the query returned it (an id of digits is not a number to group); numbers as the charts show them.
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && !(value instanceof Date)) return JSON.stringify(value);
  return formatValue(value, 'auto');
}

export function ChartDataToggle({ open, onToggle, controls }: { open: boolean; onToggle: () => void; controls: string }) {
  return (
    <button type="button" className={styles.button} aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      {open ? 'Hide data' : 'Show data'}
    </button>
  );
}

export function ChartDataTable({ id, name, columns, rows, total = rows.length }: ChartDataProps & { id: string; total?: number }) {
  const shown = rows.length > MAX_ROWS ? rows.slice(0, MAX_ROWS) : rows;
  return (
    <div id={id} className={styles.data} role="region" aria-label={`Data of ${name}`} tabIndex={0}>
      <table className={styles.table}>
        <caption className={styles.caption}>
          {`Data of ${name}: ${total.toLocaleString('en-US')} ${total === 1 ? 'row' : 'rows'}`}
          {shown.length < total ? ` (the first ${shown.length.toLocaleString('en-US')} shown; Download CSV has them all)` : ''}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c}>{cellText(row[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The toggle's open state and the id tying the button to its table. */
export function useChartData(): { open: boolean; toggle: () => void; id: string } {
  const [open, setOpen] = useState(false);
  const id = `ap-data-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  return { open, toggle: () => setOpen((o) => !o), id };
}
