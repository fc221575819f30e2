'use client';
import type { ReactNode } from 'react';
import { formatValue } from '../../lib/format/format-value';
import { TONE_COLORS } from '../shared/palette';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

const PLACEHOLDER = '{value}';

export function TextView({ props, layout }: ViewProps<Props>) {
  const { text, value, format, currency, digits, tone, size, muted, align } = props;
  const options = { currency, digits };
  const hasValue = value !== undefined;
  const shown = hasValue ? formatValue(value, format, options) : '';

  let content: ReactNode;
  if (typeof text !== 'string') {
    // A bound text that arrived as a number, boolean or null.
    content = <span className={styles.value}>{formatValue(text, format, options)}</span>;
  } else if (hasValue && text.includes(PLACEHOLDER)) {
    const parts = text.split(PLACEHOLDER);
    content = parts.flatMap((part, i) =>
      i === 0
        ? [part]
        : [
            <span key={i} className={styles.value}>
              {shown}
            </span>,
            part,
          ],
    );
  } else if (hasValue) {
    content = (
      <>
        {text}
        {text.length > 0 && !/\s$/.test(text) ? ' ' : null}
        <span className={styles.value}>{shown}</span>
      </>
    );
  } else {
    content = text;
  }

  const className = [styles.text, styles[size] ?? '', muted ? styles.muted : '', layout === 'document' ? styles.document : '']
    .filter(Boolean)
    .join(' ');
  const color = muted || tone === 'neutral' ? undefined : TONE_COLORS[tone];
  return (
    <p className={className} style={{ textAlign: align, color }} data-tone={muted ? 'muted' : tone}>
      {content}
    </p>
  );
}
