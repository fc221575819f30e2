'use client';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

const TAGS = ['h1', 'h2', 'h3', 'h4'] as const;

export function HeadingView({ props, layout }: ViewProps<Props>) {
  const level = Math.min(4, Math.max(1, Math.round(Number(props.level) || 2)));
  const Tag = TAGS[level - 1]!;
  const className = [styles.wrap, layout === 'document' ? styles.document : ''].filter(Boolean).join(' ');
  return (
    <div className={className} style={{ textAlign: props.align }}>
      <Tag className={`${styles.heading} ${styles[`level${level}`] ?? ''}`}>{props.text}</Tag>
      {props.subtitle ? <p className={styles.subtitle}>{props.subtitle}</p> : null}
    </div>
  );
}
