'use client';
/** A component's props table, fetched from /catalog/props the first time the reader opens it. */
import type { PropReference } from '../../lib/spec/props-reference';
import { PropsTable } from './props-table';
import { OnDemandRegion } from './on-demand-region';
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
      <OnDemandRegion id={regionId} open={open} content={content} what="the props">
        {(rows) => <PropsTable type={type} rows={rows} />}
      </OnDemandRegion>
    </div>
  );
}
