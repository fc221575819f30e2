/**
 * A node's rows reduced for drawing, on the server, by the rule its catalog
 * entry declares (`drawing`): the browser receives the rows the chart draws,
 * only the columns it names, and a note of how many the query returned and
 * where all of them are (Show data, Download CSV). Rows few enough to draw
 * exactly pass through untouched.
 */
import type { ComponentDefinition } from '../spec/define';
import type { BoundRows, ResultColumn, Row } from '../spec/resolved';

function isBoundRows(value: unknown): value is BoundRows {
  return typeof value === 'object' && value !== null && Array.isArray((value as BoundRows).rows) && Array.isArray((value as BoundRows).columns);
}

/** The columns of `rowsProp` that the node's props name (columnsOf), in the result's order. */
export function namedColumns(def: ComponentDefinition, props: Readonly<Record<string, unknown>>, rowsProp: string): Set<string> {
  const names = new Set<string>();
  for (const [prop, source] of Object.entries(def.columnsOf ?? {})) {
    if (source !== rowsProp || prop.includes('[]')) continue;
    const value = props[prop];
    if (typeof value === 'string') names.add(value);
    else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') names.add(v);
  }
  return names;
}

function project(rows: readonly Row[], keep: ReadonlySet<string>): Row[] {
  return rows.map((row) => {
    const out: Row = {};
    for (const key of keep) if (key in row) out[key] = row[key];
    return out;
  });
}

/**
 * The props with the drawing rule's rows prop reduced, or the props as they
 * were (no rule, few rows, no rows bound). `href` is where the node's full
 * rows can be fetched, as the page that drew it sees them.
 */
export function reduceForDrawing(def: ComponentDefinition, props: Record<string, unknown>, href: string | undefined): Record<string, unknown> {
  const rule = def.drawing;
  if (!rule) return props;
  const data = props[rule.rows];
  if (!isBoundRows(data)) return props;
  const reduced = rule.reduce(data, props);
  if (!reduced) return props;
  const keep = rule.project === false ? new Set<string>() : namedColumns(def, props, rule.rows);
  // Rows the reduction made (a summed "Other") carry only named columns already.
  const columns: ResultColumn[] = keep.size > 0 ? data.columns.filter((c) => keep.has(c.name)) : data.columns;
  const rows = keep.size > 0 ? project(reduced.rows, keep) : reduced.rows;
  const drawn: BoundRows = {
    ...data,
    rows,
    columns,
    drawn: { total: data.rows.length, drawn: rows.length, unit: rule.unit, method: reduced.method, ...(href ? { href } : {}) },
  };
  return { ...props, ...reduced.props, [rule.rows]: drawn };
}
