'use client';
/**
 * The sized chart area every x/y chart draws in, and the message shown instead
 * of a chart. Apart from cartesian-view's shared renderer, so a bar or scatter
 * chart does not load the line/area/composed code with it.
 */
import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';
import type { PageLayout } from '../view-types';
import { frameBodyHeight } from './cartesian';
import { useHydrated } from './use-hydrated';

const NOTE_HEIGHT = 20;

/**
 * The chart area inside ChartFrame's body: a ResponsiveContainer filling what
 * the notes leave. `initialDimension` lets it draw before it is measured (and
 * in jsdom, which cannot measure); the browser's ResizeObserver corrects the
 * width on mount.
 *
 * Recharts draws nothing on the server (an empty wrapper), so the server's
 * HTML carries a placeholder instead: the chart area at its size with faint
 * grid lines, inside the named figure with its notes, painted before the
 * chart's code arrives. Recharts takes over once the view has hydrated.
 */
export function ChartCanvas({
  height,
  layout,
  notes = [],
  children,
}: {
  height: number;
  layout: PageLayout | undefined;
  notes?: readonly string[];
  children: ReactElement;
}) {
  const body = frameBodyHeight(height, layout);
  const chartHeight = Math.max(60, body - notes.length * NOTE_HEIGHT);
  const hydrated = useHydrated();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', minWidth: 0 }}>
      <div style={{ flex: '1 1 auto', minHeight: 0, minWidth: 0, overflow: 'hidden' }}>
        {hydrated ? (
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: chartHeight }}>
            {children}
          </ResponsiveContainer>
        ) : (
          <div className="ap-chart-placeholder" aria-hidden="true" data-chart-placeholder="" />
        )}
      </div>
      {notes.map((note) => (
        <p
          key={note}
          role="note"
          style={{ margin: 0, height: NOTE_HEIGHT, lineHeight: `${NOTE_HEIGHT}px`, fontSize: 12, color: 'var(--ap-muted, #5d6778)', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
        >
          {note}
        </p>
      ))}
    </div>
  );
}

/** Shown instead of a chart when it names columns the result lacks or has nothing numeric to draw. */
export function ChartMessage({ children }: { children: string }) {
  return <div className="ap-empty">{children}</div>;
}
