'use client';
/** The region a useOnDemand disclosure controls: its content once loaded, why it could not be, or that it is loading. */
import type { ReactNode } from 'react';
import type { OnDemand } from './use-on-demand';
import styles from './gallery.module.css';

export function OnDemandRegion<T>({ id, open, content, what, className, children }: { id: string; open: boolean; content: OnDemand<T>; what: string; className?: string; children: (value: T) => ReactNode }) {
  return (
    <div id={id} hidden={!open} className={className}>
      {content.state === 'loaded' ? (
        children(content.value)
      ) : content.state === 'failed' ? (
        <p role="alert">
          {what.charAt(0).toUpperCase() + what.slice(1)} could not be loaded: {content.message}
        </p>
      ) : open ? (
        <p role="status" className={styles.loadingText}>
          Loading {what}…
        </p>
      ) : null}
    </div>
  );
}
