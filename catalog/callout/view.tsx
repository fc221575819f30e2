'use client';
import type { CSSProperties } from 'react';
import { TONE_COLORS } from '../shared/palette';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

const ICONS = { neutral: 'ℹ', info: 'ℹ', positive: '✓', warning: '⚠', negative: '✕' } as const;
const TONE_NAMES = { neutral: 'Note', info: 'Information', positive: 'Success', warning: 'Warning', negative: 'Problem' } as const;

export function CalloutView({ props, children, layout }: ViewProps<Props>) {
  const { title, tone, icon } = props;
  const style = { '--ap-callout-tone': TONE_COLORS[tone] ?? TONE_COLORS.neutral } as CSSProperties;
  const className = [styles.callout, layout === 'document' ? styles.document : ''].filter(Boolean).join(' ');
  return (
    <div className={className} style={style} role="note" aria-label={title ? `${TONE_NAMES[tone] ?? 'Note'}: ${title}` : TONE_NAMES[tone]} data-tone={tone}>
      {icon ? (
        <span className={styles.icon} aria-hidden="true">
          {ICONS[tone] ?? ICONS.neutral}
        </span>
      ) : null}
      <div className={styles.content}>
        {title ? <div className={styles.title}>{title}</div> : null}
        {children ? <div className={styles.message}>{children}</div> : null}
      </div>
    </div>
  );
}
