'use client';
import type { CSSProperties } from 'react';
import { formatValue } from '../../lib/format/format-value';
import { TONE_COLORS } from '../shared/palette';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

export function BadgeView({ props }: ViewProps<Props>) {
  const { text, tone, variant, format, prefix } = props;
  const shown = typeof text === 'string' && format === 'auto' ? text : formatValue(text, format);
  const style = { '--ap-badge-tone': TONE_COLORS[tone] ?? TONE_COLORS.neutral } as CSSProperties;
  return (
    <span className={`${styles.badge} ${styles[variant] ?? styles.soft}`} style={style} data-tone={tone} data-variant={variant}>
      {prefix ? <span className={styles.prefix}>{prefix}</span> : null}
      <span className={styles.text}>{shown}</span>
    </span>
  );
}
