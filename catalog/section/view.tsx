'use client';
import { useId, useState } from 'react';
import { spaceToPx } from '../spacer/space-scale';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

export function SectionView({ props, children, layout }: ViewProps<Props>) {
  const { title, description, collapsible, collapsed, gap } = props;
  const [open, setOpen] = useState(!(collapsible && collapsed));
  const titleId = useId();
  const className = `${styles.section}${layout === 'document' ? ` ${styles.document}` : ''}`;
  const body = (
    <div className={styles.body} style={{ gap: spaceToPx(gap) }}>
      {children}
    </div>
  );

  if (collapsible) {
    return (
      <section className={className} aria-labelledby={titleId} data-layout={layout}>
        <details className={styles.details} open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
          <summary className={styles.summary}>
            <span className={styles.chevron} aria-hidden="true" />
            <span className={styles.head}>
              <h2 id={titleId} className={styles.title}>
                {title || 'Details'}
              </h2>
              {description ? <span className={styles.description}>{description}</span> : null}
            </span>
          </summary>
          {body}
        </details>
      </section>
    );
  }

  return (
    <section className={className} aria-labelledby={title ? titleId : undefined} data-layout={layout}>
      {title || description ? (
        <header className={styles.head}>
          {title ? (
            <h2 id={titleId} className={styles.title}>
              {title}
            </h2>
          ) : null}
          {description ? <p className={styles.description}>{description}</p> : null}
        </header>
      ) : null}
      {body}
    </section>
  );
}
