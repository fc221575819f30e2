'use client';
import type { CSSProperties } from 'react';
import { formatValue } from '../../lib/format/format-value';
import { TONE_COLORS } from '../shared/palette';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import { BADGE_TONES } from './tones';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

export function BadgeView({ props }: ViewProps<Props>) {
  const { text, variant, format, prefix } = props;
  // A bound tone is whatever the query returned: anything unknown reads as neutral.
  const tone = (BADGE_TONES as readonly unknown[]).includes(props.tone) ? (props.tone as (typeof BADGE_TONES)[number]) : 'neutral';
  const shown = typeof text === 'string' && format === 'auto' ? text : formatValue(text, format);
  const style = { '--ap-badge-tone': TONE_COLORS[tone] } as CSSProperties;
  return (
    <span className={`${styles.badge} ${styles[variant] ?? styles.soft}`} style={style} data-tone={tone} data-variant={variant}>
      {prefix ? <span className={styles.prefix}>{prefix}</span> : null}
      <span className={styles.text}>{shown}</span>
    </span>
  );
}
