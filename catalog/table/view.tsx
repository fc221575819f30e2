'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { Row } from '../../lib/spec/resolved';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import { DownloadCsv } from '../shared/download-csv';
import { DownloadAllCsv, useFullRows } from '../shared/full-rows';
import { cellText, resolveColumns, sortedOrder, type TableColumn } from './table-model';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

const ROW_HEIGHT = 32;
const OVERSCAN = 12;
const NO_ROWS: Row[] = [];

/** Unique even when a column is listed twice. */
const columnId = (col: TableColumn, i: number) => `${i}:${col.key}`;

export function TableView({ props, layout }: ViewProps<Props>) {
  const { sortable, maxHeight, emptyText } = props;
  // The server sends the first rows (catalog/table/first-rows.ts); the rest come when the reader scrolls toward them or sorts.
  const { data, load, pending } = useFullRows(props.data);
  const columns = useMemo(() => resolveColumns(data, props.columns), [data, props.columns]);
  const [sorting, setSorting] = useState<SortingState>(() => {
    if (!props.sortBy) return [];
    const i = columns.findIndex((c) => c.key === props.sortBy);
    // A sortBy column that is not shown still orders the rows (its id is then the bare key).
    return [{ id: i >= 0 ? columnId(columns[i]!, i) : props.sortBy, desc: props.sortDirection === 'desc' }];
  });

  // TanStack Table holds the columns, the headers and the sort state (click,
  // shift-click, the next direction). It gets no rows: its row model makes a
  // row object with dozens of closures per row, seconds for 100,000 rows, so
  // the order comes from sortedOrder (one key array per sorted column) and the
  // virtualizer draws only the rows in view.
  const defs = useMemo<ColumnDef<Row>[]>(
    () =>
      columns.map((col, i) => ({
        id: columnId(col, i),
        accessorFn: (row: Row) => row[col.key],
        header: col.label,
        sortDescFirst: col.sortKind !== 'text',
        enableSorting: sortable,
        meta: col,
      })),
    [columns, sortable],
  );

  const table = useReactTable<Row>({
    data: NO_ROWS,
    columns: defs,
    state: { sorting },
    onSortingChange: (next) => {
      if (pending) load();
      setSorting(next);
    },
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    enableSortingRemoval: true,
  });

  const order = useMemo(() => {
    const all = [...columns];
    const byId = new Map(all.map((c, i) => [columnId(c, i), i]));
    const sortBy = sorting.map((s) => {
      let column = byId.get(s.id);
      if (column === undefined) {
        all.push(resolveColumns(data, [{ key: s.id }])[0]!);
        column = all.length - 1;
      }
      return { column, desc: s.desc };
    });
    return sortedOrder(data.rows, all, sortBy);
  }, [data, columns, sorting]);
  const rowAt = (index: number) => data.rows[order[index]!]!;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    initialRect: { width: 800, height: maxHeight },
    // An unmeasurable box (jsdom, a hidden tab) reports 0: draw a screenful anyway.
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: maxHeight })),
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.length > 0 ? items[items.length - 1]!.index : -1;
  useEffect(() => {
    if (pending && lastShown >= order.length - OVERSCAN) load();
  }, [pending, lastShown, order.length, load]);
  const padTop = items.length > 0 ? items[0]!.start : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  const minWidth = columns.reduce((sum, c) => sum + c.width, 0);
  const heightStyle = layout === 'single' ? `max(${maxHeight}px, calc(100vh - 160px))` : `${maxHeight}px`;
  const count = data.drawn?.total ?? data.rows.length;

  return (
    <figure className={`ap-frame ${styles.frame}`}>
      {props.title || props.description ? (
        <figcaption className="ap-frame-head">
          {props.title ? <span className="ap-frame-title">{props.title}</span> : null}
          {props.description ? <span className="ap-frame-desc">{props.description}</span> : null}
        </figcaption>
      ) : null}
      {columns.length === 0 ? (
        <div className={`ap-empty ${styles.empty}`}>{emptyText}</div>
      ) : (
        <div className={styles.scroll} ref={scrollRef} style={{ maxHeight: heightStyle }} tabIndex={0} aria-label={props.title ?? `Rows of ${data.query}`} role="region">
          <table className={styles.table} style={{ minWidth }} aria-rowcount={count + 1} aria-label={props.title ?? `Rows of ${data.query}`}>
            <colgroup>
              {columns.map((c, i) => (
                <col key={i} style={{ width: c.width }} />
              ))}
            </colgroup>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id} aria-rowindex={1}>
                  {group.headers.map((header) => {
                    const col = header.column.columnDef.meta as TableColumn;
                    const sorted = header.column.getIsSorted();
                    const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : sortable ? 'none' : undefined;
                    const label = flexRender(header.column.columnDef.header, header.getContext());
                    return (
                      <th key={header.id} scope="col" aria-sort={ariaSort} className={styles[col.align]}>
                        {header.column.getCanSort() ? (
                          <button type="button" className={styles.sort} onClick={header.column.getToggleSortingHandler()} title={`Sort by ${col.label}`}>
                            <span className={styles.label}>{label}</span>
                            <span className={styles.arrow} aria-hidden="true">
                              {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                            </span>
                          </button>
                        ) : (
                          <span className={styles.label}>{label}</span>
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {padTop > 0 ? (
                <tr aria-hidden="true" className={styles.spacer}>
                  <td colSpan={columns.length} style={{ height: padTop }} />
                </tr>
              ) : null}
              {items.map((item) => {
                const row = rowAt(item.index);
                return (
                  <tr key={order[item.index]} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                    {columns.map((col, i) => {
                      const text = cellText(row[col.key], col);
                      return (
                        <td key={i} className={styles[col.align]} title={text.length > 24 ? text : undefined}>
                          {text}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
              {padBottom > 0 ? (
                <tr aria-hidden="true" className={styles.spacer}>
                  <td colSpan={columns.length} style={{ height: padBottom }} />
                </tr>
              ) : null}
            </tbody>
          </table>
          {count === 0 ? <div className={`ap-empty ${styles.empty}`}>{emptyText}</div> : null}
        </div>
      )}
      <div className={styles.footer}>
        <span className={styles.count} aria-live="polite">
          {count.toLocaleString('en-US')} {count === 1 ? 'row' : 'rows'}
        </span>
        {props.download && count > 0 ? (
          pending && data.drawn?.href ? (
            <DownloadAllCsv href={data.drawn.href} name={props.title || data.query} />
          ) : (
            <DownloadCsv name={props.title || data.query} columns={columns} rows={() => Array.from(order, (i) => data.rows[i]!)} />
          )
        ) : null}
      </div>
      {data.truncated ? (
        <div className="ap-frame-note" role="note">
          Showing the first {count.toLocaleString('en-US')} rows: the platform&apos;s row cap cut the result of <code>{data.query}</code>.
        </div>
      ) : null}
    </figure>
  );
}
