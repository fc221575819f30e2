'use client';
import { Children } from 'react';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

export function StatRowView({ props, children }: ViewProps<Props>) {
  const { title, dividers } = props;
  if (Children.count(children) === 0) return null;
  return (
    <div className={styles.wrap} role="group" aria-label={title || undefined}>
      {title ? <div className={styles.title}>{title}</div> : null}
      <div className={`${styles.band} ${dividers ? styles.dividers : ''}`}>{children}</div>
    </div>
  );
}
