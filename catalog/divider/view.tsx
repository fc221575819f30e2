'use client';
import { spaceToPx } from '../spacer/space-scale';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

export function DividerView({ props }: ViewProps<Props>) {
  const margin = `${spaceToPx(props.spacing, 'sm')}px 0`;
  if (!props.label) return <hr className={styles.rule} style={{ margin }} />;
  return (
    <div className={styles.labelled} style={{ margin }} role="separator" aria-label={props.label}>
      <span className={styles.line} aria-hidden="true" />
      <span className={styles.label}>{props.label}</span>
      <span className={styles.line} aria-hidden="true" />
    </div>
  );
}
