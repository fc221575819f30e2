'use client';
/**
 * "Download CSV": the rows a view was given, as a CSV file named after its
 * title (or its query). The CSV is built only when clicked. A UTF-8 byte order
 * mark leads the file so spreadsheets read non-ASCII text correctly.
 */
import { csvFileName, toCsv, type CsvColumn } from '../../lib/format/csv';
import type { Row } from '../../lib/spec/resolved';
import styles from './download-csv.module.css';

export interface DownloadCsvProps {
  /** The file's name without `.csv`: the view's title, else its query's name. */
  name: string;
  columns: readonly CsvColumn[];
  /** The rows, in the order to write them; called on click. */
  rows: () => Iterable<Row>;
  className?: string;
}

export function downloadCsv(name: string, columns: readonly CsvColumn[], rows: Iterable<Row>): void {
  const blob = new Blob(['\ufeff', toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = csvFileName(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function DownloadCsv({ name, columns, rows, className }: DownloadCsvProps) {
  return (
    <button
      type="button"
      className={`${styles.button}${className ? ` ${className}` : ''}`}
      title={`Download the rows of ${name} as a CSV file`}
      onClick={() => downloadCsv(name, columns, rows())}
    >
      Download CSV
    </button>
  );
}
