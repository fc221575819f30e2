'use client';
import type { CSSProperties } from 'react';
import { TONE_COLORS } from '../shared/palette';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

const PADDING = { none: 0, sm: 8, md: 14, lg: 22 } as const;

export function CardView({ props, children, layout }: ViewProps<Props>) {
  const { title, description, padding, tone } = props;
  const style = {
    padding: PADDING[padding] ?? PADDING.md,
    ...(tone !== 'neutral' ? { '--ap-card-tone': TONE_COLORS[tone] ?? TONE_COLORS.neutral } : {}),
  } as CSSProperties;
  const className = [styles.card, tone !== 'neutral' ? styles.toned : '', layout === 'document' ? styles.document : ''].filter(Boolean).join(' ');
  return (
    <div className={className} style={style} data-tone={tone} data-layout={layout}>
      {title || description ? (
        <div className={styles.head}>
          {title ? <h3 className={styles.title}>{title}</h3> : null}
          {description ? <p className={styles.description}>{description}</p> : null}
        </div>
      ) : null}
      <div className={styles.body}>{children}</div>
    </div>
  );
}
