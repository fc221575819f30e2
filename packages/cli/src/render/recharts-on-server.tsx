/**
 * What recharts 3 draws in a server render, for `amdahl-pages test`: the
 * responsive container's two wrappers around an empty chart wrapper, and
 * nothing inside (it measures in the browser before it draws; recharts issue
 * 5997). The package's bundle takes this module for `recharts`, so a CI job
 * does not install a charting library that would never draw. Every chart
 * view's own code (props, bindings, notes, the frame, Show data) still runs.
 * test/cli/recharts-on-server.test.tsx renders every catalog example with
 * recharts and with this module and compares the markup.
 *
 * Only the names the catalog's views import: a view that imports another
 * fails the package's build rather than drawing something else here.
 */
import type { CSSProperties, ReactNode } from 'react';

type Size = number | `${number}%`;

export function ResponsiveContainer({ width = '100%', height = '100%', minWidth = 0, children }: { width?: Size; height?: Size; minWidth?: Size; children?: ReactNode }) {
  const style: CSSProperties = { width, height, minWidth };
  return (
    <div className="recharts-responsive-container" style={style}>
      <div style={{ width: 0, height: 0, overflow: 'visible' }}>{children}</div>
    </div>
  );
}

/** A chart: its wrapper, empty until a browser measures it. */
function Chart({ width, height }: { width?: number; height?: number }) {
  const style: CSSProperties = { position: 'relative', cursor: 'default', ...(width ? { width } : {}), ...(height ? { height } : {}) };
  return <div className="recharts-wrapper" style={style} />;
}

/** A part of a chart (axis, series, tooltip): drawn by its chart, so nothing of its own. */
function Part(): null {
  return null;
}

export const BarChart = Chart;
export const ComposedChart = Chart;
export const PieChart = Chart;
export const RadarChart = Chart;
export const Sankey = Chart;
export const Treemap = Chart;

export const Area = Part;
export const Bar = Part;
export const CartesianGrid = Part;
export const LabelList = Part;
export const Legend = Part;
export const Line = Part;
export const Pie = Part;
export const PolarAngleAxis = Part;
export const PolarGrid = Part;
export const PolarRadiusAxis = Part;
export const Radar = Part;
export const Tooltip = Part;
export const XAxis = Part;
export const YAxis = Part;
export const ZIndexLayer = Part;

/** Read while a view builds its parts' props; the values do not matter where nothing is drawn. */
export const DefaultZIndexes: Record<string, number> = new Proxy({}, { get: () => 0 });

/** Plot-area hooks: only called by parts drawn inside a chart, which a server render never reaches. */
export const usePlotArea = (): undefined => undefined;
export const useXAxisScale = (): undefined => undefined;
export const useYAxisScale = (): undefined => undefined;
