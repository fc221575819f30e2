'use client';
/** An example's "Open in studio" link, and its JSON shown on demand (fetched from /catalog/source). */
import Link from 'next/link';
import { OnDemandRegion } from './on-demand-region';
import { useOnDemand } from './use-on-demand';
import styles from './gallery.module.css';

const readText = (response: Response) => response.text();

export function ExampleSource({ id, name }: { id: string; name: string }) {
  const { open, content, toggle, regionId } = useOnDemand(`/catalog/source?example=${encodeURIComponent(id)}`, readText);
  return (
    <div className={styles.source}>
      <div className={styles.sourceActions}>
        <Link className="st-button" href={`/pages/new?example=${encodeURIComponent(id)}`} data-open-example={id}>
          Open in studio<span className={styles.hidden}>: {name}</span>
        </Link>
        <button type="button" className="st-button" aria-expanded={open} aria-controls={regionId} onClick={toggle} data-show-source={id}>
          {open ? 'Hide JSON' : 'Show JSON'}
          <span className={styles.hidden}>: {name}</span>
        </button>
      </div>
      <OnDemandRegion id={regionId} open={open} content={content} what="the JSON" className={styles.sourceRegion}>
        {(json) => (
          <pre className={styles.json} tabIndex={0} aria-label={`JSON of the example ${name}`}>
            {json}
          </pre>
        )}
      </OnDemandRegion>
    </div>
  );
}
