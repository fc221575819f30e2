'use client';
import { formatValue } from '../../lib/format/format-value';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

interface Entry {
  main: string;
  detail?: string;
}

function entriesOf(props: Props): Entry[] {
  const options = { currency: props.currency };
  if (props.data) {
    const field = props.field ?? props.data.columns[0]?.name;
    const detailField = props.detailField;
    return props.data.rows.map((row) => ({
      main: formatValue(field === undefined ? undefined : row[field], props.format, options),
      ...(detailField ? { detail: formatValue(row[detailField], props.detailFormat, options) } : {}),
    }));
  }
  return (props.items ?? []).map((item) => ({ main: formatValue(item, props.format, options) }));
}

export function ListView({ props }: ViewProps<Props>) {
  const all = entriesOf(props);
  const limit = props.maxItems ?? all.length;
  const shown = all.slice(0, limit);
  const hidden = all.length - shown.length;
  const Tag = props.ordered ? 'ol' : 'ul';
  return (
    <div className={styles.wrap}>
      {props.title ? <div className={styles.title}>{props.title}</div> : null}
      {shown.length === 0 ? (
        <div className={styles.empty}>{props.emptyText}</div>
      ) : (
        <Tag className={`${styles.list} ${props.ordered ? styles.ordered : ''}`}>
          {shown.map((entry, i) => (
            <li key={i} className={styles.item}>
              <span className={styles.main}>{entry.main}</span>
              {entry.detail !== undefined ? <span className={styles.detail}>{entry.detail}</span> : null}
            </li>
          ))}
        </Tag>
      )}
      {hidden > 0 ? <div className={styles.more}>+{hidden.toLocaleString('en-US')} more</div> : null}
      {props.data?.truncated ? (
        <div className={styles.note} role="note">
          The platform&apos;s row cap cut the result of <code>{props.data.query}</code>.
        </div>
      ) : null}
    </div>
  );
}
