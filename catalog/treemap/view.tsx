'use client';
import { Tooltip, Treemap, type TreemapNode } from 'recharts';
import { countOf, formatValue, toNumber } from '../../lib/format/format-value';
import { ChartFrame } from '../shared/chart-frame';
import { seriesColor } from '../shared/palette';
import {
  ChartArea,
  ChartBody,
  MissingColumns,
  NothingToDraw,
  TOOLTIP_CONTENT_STYLE,
  categoryLabel,
  frameBodyHeight,
  missingColumns,
} from '../shared/category-charts';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;
type ValueFormat = Props['valueFormat'];

interface Leaf {
  name: string;
  /** "group › name" with a group, else the name: what the tooltip says. */
  path: string;
  value: number;
  fill: string;
  [key: string]: unknown;
}

interface Block {
  name: string;
  value: number;
  fill: string;
  children: Leaf[];
  [key: string]: unknown;
}

/** Rectangles smaller than this get no text: the tooltip still names them. */
const MIN_LABEL_WIDTH = 46;
const MIN_LABEL_HEIGHT = 30;

function readLeaves(rows: readonly Record<string, unknown>[], label: string, value: string, group: string | undefined) {
  // group -> label -> total, in first-seen order.
  const groups = new Map<string, Map<string, number>>();
  let skipped = 0;
  let nonPositive = 0;
  for (const row of rows) {
    const n = toNumber(row[value]);
    if (n === undefined) {
      skipped++;
      continue;
    }
    if (n <= 0) {
      nonPositive++;
      continue;
    }
    const g = group ? categoryLabel(row[group]) : '';
    const name = categoryLabel(row[label]);
    let inGroup = groups.get(g);
    if (!inGroup) groups.set(g, (inGroup = new Map()));
    inGroup.set(name, (inGroup.get(name) ?? 0) + n);
  }
  return { groups, skipped, nonPositive };
}

function makeCell(valueFormat: ValueFormat) {
  return function TreemapCell(node: TreemapNode) {
    const { x, y, width, height, depth, name, value } = node;
    const fill = typeof node.fill === 'string' ? node.fill : undefined;
    if (depth === 0 || !fill || width <= 0 || height <= 0) return <g />;
    const isLeaf = !node.children || node.children.length === 0;
    // A group block is covered by its leaves; colour tells the groups apart.
    if (!isLeaf) return <g />;
    const showName = width >= MIN_LABEL_WIDTH && height >= MIN_LABEL_HEIGHT - 14;
    const showValue = width >= MIN_LABEL_WIDTH && height >= MIN_LABEL_HEIGHT;
    const path = typeof node.path === 'string' ? node.path : name;
    return (
      <g data-part="leaf" role="img" aria-label={`${path}: ${formatValue(value, valueFormat)}`}>
        <rect x={x} y={y} width={width} height={height} fill={fill} className={styles.leaf} />
        {showName ? (
          <text x={x + 6} y={y + 16} className={styles.name}>
            {name}
          </text>
        ) : null}
        {showValue ? (
          <text x={x + 6} y={y + 31} className={styles.value}>
            {formatValue(value, valueFormat)}
          </text>
        ) : null}
      </g>
    );
  };
}

export function TreemapView({ props, layout }: ViewProps<Props>) {
  const { data, label, value, group, colors, valueFormat, height, title, description } = props;
  const missing = missingColumns(data, [label, value, group]);

  let body;
  if (missing.length > 0) {
    body = <MissingColumns data={data} missing={missing} />;
  } else {
    const { groups, skipped, nonPositive } = readLeaves(data.rows, label, value, group);
    const notes = [
      skipped > 0 && `${countOf(skipped, 'row')} without a numeric ${value} left out.`,
      nonPositive > 0 && `${countOf(nonPositive, 'row')} with a zero or negative ${value} left out.`,
    ];
    let tree: (Leaf | Block)[];
    if (group) {
      tree = [...groups]
        .map(([g, items]) => {
          const children = [...items].map(([name, v]): Leaf => ({ name, path: `${g} › ${name}`, value: v, fill: '' }));
          return { name: g, value: children.reduce((s, c) => s + c.value, 0), fill: '', children };
        })
        .sort((a, b) => b.value - a.value)
        .map((block, i) => {
          const fill = seriesColor(i, colors);
          return { ...block, fill, children: block.children.sort((a, b) => b.value - a.value).map((c) => ({ ...c, fill })) };
        });
    } else {
      tree = [...(groups.get('') ?? new Map<string, number>())]
        .map(([name, v]) => ({ name, path: name, value: v }))
        .sort((a, b) => b.value - a.value)
        .map((leaf, i) => ({ ...leaf, fill: seriesColor(i, colors) }));
    }
    if (tree.length === 0) {
      body = (
        <ChartBody notes={notes}>
          <NothingToDraw>No positive values in {value} to draw.</NothingToDraw>
        </ChartBody>
      );
    } else {
      const blocks = group ? (tree as Block[]) : [];
      body = (
        <ChartBody notes={notes}>
          <div className={styles.layout}>
            <div className={styles.chart}>
              <ChartArea height={frameBodyHeight(height, layout) - (blocks.length > 0 ? 30 : 0)} shape="block">
                <Treemap
                  data={tree}
                  dataKey="value"
                  nameKey="name"
                  stroke="var(--ap-surface, #fff)"
                  isAnimationActive={false}
                  content={makeCell(valueFormat)}
                >
                  <Tooltip
                    contentStyle={TOOLTIP_CONTENT_STYLE}
                    formatter={(v, name, entry) => {
                      const path = (entry?.payload as { path?: unknown } | undefined)?.path;
                      return [formatValue(v, valueFormat), typeof path === 'string' ? path : String(name)];
                    }}
                  />
                </Treemap>
              </ChartArea>
            </div>
            {blocks.length > 0 ? (
              <ul className={styles.legend} aria-label={`By ${group}`}>
                {blocks.map((b) => (
                  <li key={b.name} className={styles.legendItem}>
                    <span className={styles.swatch} style={{ background: b.fill }} aria-hidden="true" />
                    <span>{b.name}</span>
                    <span className={styles.legendValue}>{formatValue(b.value, valueFormat)}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </ChartBody>
      );
    }
  }

  return (
    <ChartFrame kind="Treemap" subject={`${value} by ${group ? `${group} and ` : ''}${label}`} title={title} description={description} data={data} height={height} layout={layout} emptyText="No rows to chart">
      {body}
    </ChartFrame>
  );
}
