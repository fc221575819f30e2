'use client';
/** A component's props table, fetched from /catalog/props the first time the reader opens it. */
import type { PropReference } from '../../lib/spec/props-reference';
import { PropsTable } from './props-table';
import { useOnDemand } from './use-on-demand';
import styles from './gallery.module.css';

const readRows = async (response: Response) => (await response.json()) as PropReference[];

export function PropsDisclosure({ type, count }: { type: string; count: number }) {
  const { open, content, toggle, regionId } = useOnDemand(`/catalog/props?type=${encodeURIComponent(type)}`, readRows);
  return (
    <div className={styles.propsDisclosure}>
      <button type="button" className="st-button" aria-expanded={open} aria-controls={regionId} onClick={toggle} data-show-props={type}>
        {open ? 'Hide' : 'Show'} props of {type} ({count})
      </button>
      <div id={regionId} hidden={!open}>
        {content.state === 'loaded' ? (
          <PropsTable type={type} rows={content.value} />
        ) : content.state === 'failed' ? (
          <p role="alert">The props could not be loaded: {content.message}</p>
        ) : open ? (
          <p role="status" className={styles.loadingText}>Loading the props…</p>
        ) : null}
      </div>
    </div>
  );
}
