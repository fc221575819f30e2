/**
 * The Table's drawing rule: a table draws the rows in view, so the server
 * sends the first ones in the table's first order (its `sortBy`, else the
 * query's) and the view loads the rest when the reader scrolls toward them
 * or sorts (catalog/shared/full-rows.tsx). Every column is kept: a table
 * shows them all. No React: the definition imports this file.
 */
import type { DrawingRule } from '../../lib/spec/drawing';
import { resolveColumns, sortedOrder } from './table-model';

/** Rows sent with the page: a few screens of a 420-pixel table. */
export const FIRST_ROWS = 100;

export function firstRowsDrawing(count = FIRST_ROWS): DrawingRule {
  return {
    rows: 'data',
    unit: 'rows',
    project: false,
    reduce(data, props) {
      if (data.rows.length <= count) return undefined;
      const sortBy = typeof props.sortBy === 'string' ? props.sortBy : undefined;
      if (!sortBy) return { rows: data.rows.slice(0, count), method: 'the rest load as you scroll or sort' };
      const order = sortedOrder(data.rows, resolveColumns(data, [{ key: sortBy }]), [{ column: 0, desc: props.sortDirection === 'desc' }]);
      return { rows: Array.from(order.subarray(0, count), (i) => data.rows[i]!), method: 'the rest load as you scroll or sort' };
    },
  };
}
