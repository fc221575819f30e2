/**
 * How a chart reduces its rows for drawing, declared by its catalog entry
 * (`drawing` in defineComponent) and applied on the server before the props
 * cross to the browser (lib/render/reduce-for-drawing.ts). A reduction keeps
 * what the chart can show at its size, every extreme included; the full rows
 * stay one click away (Show data, Download CSV). Types only, no React.
 */
import type { BoundRows, Row } from './resolved';

export interface DrawingReduction {
  /** The rows to draw, a subset of the result (or rows summing the rest, such as "Other"). */
  rows: Row[];
  /** How they were chosen, said in the chart's note: "LTTB, highest and lowest kept". */
  method: string;
  /** Props the view must read differently once its rows are reduced (a bar chart's sort and limit already applied). */
  props?: Record<string, unknown>;
}

export interface DrawingRule {
  /** The rows prop the rule reduces. */
  rows: string;
  /** What one row is to a reader, for the note: "points", "categories". */
  unit: string;
  /** Send only the columns the node names (columnsOf); false keeps every column (a table shows them all). Default true. */
  project?: boolean;
  /** The reduction, or undefined when the rows are few enough to draw exactly. */
  reduce(data: BoundRows, props: Readonly<Record<string, unknown>>): DrawingReduction | undefined;
}

/** The full-rows routes' own query keys (`node`, `format`, `rows`): every other key of their query string is the page's. */
export const ROWS_ROUTE_KEYS: readonly string[] = ['node', 'format', 'rows'];

/** Set on BoundRows the server reduced: how many the query returned and where all of them can be fetched. */
export interface DrawnRows {
  total: number;
  drawn: number;
  unit: string;
  method: string;
  /** The full rows of this node's query, as the page that drew it sees them (absent: not offered). */
  href?: string;
}
