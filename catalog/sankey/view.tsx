'use client';
import { Sankey, Tooltip } from 'recharts';
import { countOf, formatValue } from '../../lib/format/format-value';
import { ChartFrame } from '../shared/chart-frame';
import { seriesColor } from '../shared/palette';
import {
  ChartArea,
  ChartBody,
  MissingColumns,
  NothingToDraw,
  TOOLTIP_CONTENT_STYLE,
  frameBodyHeight,
  missingColumns,
} from '../shared/category-charts';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import { buildSankey, MAX_LINKS, type Flow, type NodesInput } from './sankey-graph';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

const NEUTRAL_LINK = 'var(--ap-muted, #5d6778)';

interface DrawnNode {
  name: string;
  fill: string;
  value?: number;
  targetNodes?: unknown[];
}

interface NodeShapeProps {
  x: number;
  y: number;
  width: number;
  height: number;
  payload: DrawnNode;
}

interface LinkShapeProps {
  sourceX: number;
  sourceY: number;
  sourceControlX: number;
  targetX: number;
  targetY: number;
  targetControlX: number;
  linkWidth: number;
  payload: { source: DrawnNode; target: DrawnNode; value: number };
}

function listFlows(flows: readonly Flow[]): string {
  const shown = flows.slice(0, 3).map((f) => `${f.source} → ${f.target}`);
  return flows.length > 3 ? `${shown.join(', ')} and ${flows.length - 3} more` : shown.join(', ');
}

export function SankeyView({ props, layout }: ViewProps<Props>) {
  const { links, sourceField, targetField, valueField, nodes, nodeField, colorField, colors, linkColor, valueFormat, showValues, height, title, description } =
    props;
  const nodeRows = nodes && !Array.isArray(nodes) ? (nodes as Extract<NodesInput, { rows: unknown }>) : undefined;
  const missing = missingColumns(links, [sourceField, targetField, valueField]);
  const missingInNodes = nodeRows ? missingColumns(nodeRows, [nodeField, colorField]) : [];

  let body;
  if (missing.length > 0) {
    body = <MissingColumns data={links} missing={missing} />;
  } else if (nodeRows && missingInNodes.length > 0) {
    body = <MissingColumns data={nodeRows} missing={missingInNodes} />;
  } else {
    const graph = buildSankey(links.rows, nodes as NodesInput, { sourceField, targetField, valueField, nodeField, colorField });
    const notes = [
      graph.skipped > 0 && `${countOf(graph.skipped, 'row')} without a numeric ${valueField} left out.`,
      graph.nonPositive > 0 && `${countOf(graph.nonPositive, 'row')} with a zero or negative ${valueField} left out.`,
      graph.selfLoops.length > 0 && `Dropped ${countOf(graph.selfLoops.length, 'self-loop')} (${listFlows(graph.selfLoops)}).`,
      graph.cycles.length > 0 &&
        `Dropped ${countOf(graph.cycles.length, 'link')} that would close a cycle (${listFlows(graph.cycles)}): a Sankey flows one way.`,
      graph.capped > 0 && `Showing the ${MAX_LINKS} largest flows; ${countOf(graph.capped, 'smaller flow')} left out.`,
    ];
    if (graph.links.length === 0) {
      body = (
        <ChartBody notes={notes}>
          <NothingToDraw>No flows to draw.</NothingToDraw>
        </ChartBody>
      );
    } else {
      const drawnNodes: DrawnNode[] = graph.nodes.map((n, i) => ({ name: n.name, fill: n.color ?? seriesColor(i, colors) }));
      const renderNode = ({ x, y, width, height: h, payload }: NodeShapeProps) => {
        const sink = !payload.targetNodes || payload.targetNodes.length === 0;
        const text = showValues && payload.value !== undefined ? `${payload.name} · ${formatValue(payload.value, valueFormat)}` : payload.name;
        return (
          <g data-part="node" role="img" aria-label={`${payload.name}: ${formatValue(payload.value, valueFormat)}`}>
            <rect x={x} y={y} width={width} height={Math.max(h, 1)} fill={payload.fill} rx={2} />
            <text
              x={sink ? x - 6 : x + width + 6}
              y={y + h / 2}
              textAnchor={sink ? 'end' : 'start'}
              dominantBaseline="central"
              className={styles.nodeLabel}
            >
              {text}
            </text>
          </g>
        );
      };
      const renderLink = (p: LinkShapeProps) => {
        const stroke =
          linkColor === 'neutral' ? NEUTRAL_LINK : linkColor === 'target' ? p.payload.target.fill : p.payload.source.fill;
        const d = `M${p.sourceX},${p.sourceY} C${p.sourceControlX},${p.sourceY} ${p.targetControlX},${p.targetY} ${p.targetX},${p.targetY}`;
        return (
          <path
            d={d}
            fill="none"
            stroke={stroke}
            strokeWidth={Math.max(p.linkWidth, 1)}
            className={styles.link}
            data-part="link"
            role="img"
            aria-label={`${p.payload.source.name} → ${p.payload.target.name}: ${formatValue(p.payload.value, valueFormat)}`}
          />
        );
      };
      body = (
        <ChartBody notes={notes}>
          <ChartArea height={frameBodyHeight(height, layout)} shape="block">
            <Sankey
              data={{ nodes: drawnNodes, links: graph.links }}
              node={renderNode as never}
              link={renderLink as never}
              nodePadding={14}
              nodeWidth={12}
              margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
            >
              <Tooltip contentStyle={TOOLTIP_CONTENT_STYLE} formatter={(v, name) => [formatValue(v, valueFormat), String(name)]} />
            </Sankey>
          </ChartArea>
        </ChartBody>
      );
    }
  }

  return (
    <ChartFrame kind="Sankey diagram" subject={`${valueField} from ${sourceField} to ${targetField}`} title={title} description={description} data={links} height={height} layout={layout} emptyText="No flows to chart">
      {body}
    </ChartFrame>
  );
}
