'use client';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import { spaceToPx } from './space-scale';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

export function SpacerView({ props }: ViewProps<Props>) {
  const px = spaceToPx(props.size, 'md');
  return <div className={styles.spacer} style={{ width: px, height: px }} aria-hidden="true" data-size={px} />;
}
