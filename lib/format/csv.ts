/**
 * CSV of a query's rows (RFC 4180): a header row, then one line per row,
 * CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF (or
 * starts or ends with a space), quotes doubled. Raw values, not the formatted
 * text: numbers stay numbers, dates are ISO 8601, objects JSON.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, tab or CR as a
 * formula, so such text gets a leading apostrophe (OWASP's CSV injection
 * advice). A plain number, negative or not, stays a number.
 */
import type { BoundRows, Row } from '../spec/resolved';

export interface CsvColumn {
  /** The row key the values come from. */
  key: string;
  /** The header text; the key when absent. */
  label?: string;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** The text a value is written as, before quoting. */
function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Postgres sends numeric as text ("-2.5"): a plain number is not a formula.
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV field: neutralised, then quoted when it must be. */
export function csvField(value: unknown): string {
  const text = fieldText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV's lines, header first, each ended by CRLF. */
export function* csvLines(columns: readonly CsvColumn[], rows: Iterable<Row>): Generator<string> {
  yield `${columns.map((c) => csvField(c.label ?? c.key)).join(',')}\r\n`;
  for (const row of rows) yield `${columns.map((c) => csvField(row[c.key])).join(',')}\r\n`;
}

/** The CSV text of `rows` under `columns`, header first, each line ended by CRLF. */
export function toCsv(columns: readonly CsvColumn[], rows: Iterable<Row>): string {
  let text = '';
  for (const line of csvLines(columns, rows)) text += line;
  return text;
}

/**
 * The same CSV as a byte stream, `linesPerChunk` lines a chunk, built as the
 * reader pulls: a large result is never one string. A UTF-8 byte order mark
 * leads, so spreadsheets read non-ASCII text correctly.
 */
export function csvStream(columns: readonly CsvColumn[], rows: Iterable<Row>, linesPerChunk = 500): ReadableStream<Uint8Array> {
  const lines = csvLines(columns, rows);
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = first ? '\ufeff' : '';
      first = false;
      for (let i = 0; i < linesPerChunk; i++) {
        const next = lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}

/** The CSV of bound rows, under the result's own columns in select order. */
export function boundRowsToCsv(data: BoundRows): string {
  return toCsv(
    data.columns.map((c) => ({ key: c.name })),
    data.rows,
  );
}

/** A file name for the download: the title (or query name) with characters file systems refuse replaced. */
export function csvFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').slice(0, 120);
  return `${safe || 'rows'}.csv`;
}
