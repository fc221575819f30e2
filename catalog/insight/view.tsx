'use client';
import type { CSSProperties } from 'react';
import { formatValue } from '../../lib/format/format-value';
import { TONE_COLORS } from '../shared/palette';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

export function InsightView({ props, layout }: ViewProps<Props>) {
  const { title, body, value, valueLabel, format, currency, digits, tone, source } = props;
  const hasValue = value !== undefined;
  const style = { '--ap-insight-tone': TONE_COLORS[tone] ?? TONE_COLORS.info } as CSSProperties;
  const className = [styles.insight, layout === 'single' ? styles.single : '', layout === 'document' ? styles.document : '']
    .filter(Boolean)
    .join(' ');
  return (
    <article className={className} style={style} data-tone={tone} aria-label={`Insight: ${title}`}>
      <div className={styles.text}>
        <div className={styles.eyebrow} aria-hidden="true">
          Insight
        </div>
        <h3 className={styles.title}>{title}</h3>
        {body ? <p className={styles.body}>{body}</p> : null}
        {source ? <p className={styles.source}>Source: {source}</p> : null}
      </div>
      {hasValue ? (
        <div className={styles.metric}>
          <span className={styles.value} data-testid="insight-value">
            {formatValue(value, format, { currency, digits })}
          </span>
          {valueLabel ? <span className={styles.valueLabel}>{valueLabel}</span> : null}
        </div>
      ) : null}
    </article>
  );
}
