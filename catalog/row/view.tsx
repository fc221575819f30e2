'use client';
import type { CSSProperties } from 'react';
import { spaceToPx } from '../spacer/space-scale';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

const ALIGN = { start: 'flex-start', center: 'center', end: 'flex-end', stretch: 'stretch', baseline: 'baseline' } as const;
const JUSTIFY = {
  start: 'flex-start',
  center: 'center',
  end: 'flex-end',
  between: 'space-between',
  around: 'space-around',
  evenly: 'space-evenly',
} as const;

/** Below this width a growing child wraps to the next line, unless the author set `minChildWidth`. */
const DEFAULT_MIN_CHILD_WIDTH = 160;

export function RowView({ props, children, layout }: ViewProps<Props>) {
  const { gap, wrap, align, justify, grow, minChildWidth } = props;
  const basis = wrap ? (minChildWidth ?? DEFAULT_MIN_CHILD_WIDTH) : 0;
  const style = {
    gap: spaceToPx(gap),
    flexWrap: wrap ? 'wrap' : 'nowrap',
    alignItems: ALIGN[align] ?? 'stretch',
    justifyContent: JUSTIFY[justify] ?? 'flex-start',
    '--ap-row-basis': `${basis}px`,
  } as CSSProperties;
  const className = [styles.row, grow ? styles.grow : '', layout === 'document' ? styles.document : ''].filter(Boolean).join(' ');
  return (
    <div className={className} style={style} data-layout={layout}>
      {children}
    </div>
  );
}
