'use client';
import type { CSSProperties } from 'react';
import { spaceToPx } from '../spacer/space-scale';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

export function GridView({ props, children, layout }: ViewProps<Props>) {
  const { gap, minColumnWidth, responsive } = props;
  const columns = Math.min(12, Math.max(1, Math.round(Number(props.columns) || 2)));
  const gapPx = spaceToPx(gap);
  const style = {
    '--ap-grid-cols': String(columns),
    '--ap-grid-cols-md': String(Math.min(columns, 2)),
    '--ap-grid-gap': `${gapPx}px`,
    ...(minColumnWidth ? { '--ap-grid-min': `${minColumnWidth}px` } : {}),
  } as CSSProperties;
  const mode = minColumnWidth ? styles.fluid : responsive ? styles.responsive : styles.fixed;
  return (
    <div className={`${styles.container}${layout === 'document' ? ` ${styles.document}` : ''}`} data-layout={layout}>
      <div className={`${styles.grid} ${mode}`} style={style} data-columns={columns}>
        {children}
      </div>
    </div>
  );
}
