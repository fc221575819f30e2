'use client';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import { SandboxFrame } from './sandbox-frame';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

/**
 * The author's `html` runs in a sandboxed frame (./sandbox-frame.tsx), never
 * in the page. A host-registered `component` has no renderer in this
 * catalog: a placeholder names it and never evaluates anything from `props`.
 */
export function CustomView({ props }: ViewProps<Props>) {
  if (typeof props.html === 'string' && props.html !== '') {
    const rows = props.data?.rows ?? [];
    return <SandboxFrame html={props.html} rows={rows} title={props.title ?? 'Custom component'} height={props.height ?? 160} />;
  }
  const name = typeof props.component === 'string' && props.component !== '' ? props.component : 'unnamed';
  const propCount = props.props && typeof props.props === 'object' ? Object.keys(props.props).length : 0;
  return (
    <div className={styles.placeholder} role="note" data-custom-component={name}>
      <div className={styles.kind}>Custom component</div>
      <div className={styles.message}>
        This host has no renderer registered for the custom component <code className={styles.name}>{name}</code>.
      </div>
      <div className={styles.meta}>
        {propCount === 0 ? 'No props given.' : `${propCount} prop${propCount === 1 ? '' : 's'} given.`}
      </div>
    </div>
  );
}
