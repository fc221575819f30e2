import Link from 'next/link';
import { listHref } from '../../lib/pages-list/list-url';
import { readableTime } from './format-time';
import styles from './pages-list.module.css';

/** What the list shows of a page (never its spec or queries). */
export interface PageRow {
  id: string;
  name: string;
  tags: string[];
  status: string;
  createdAt: string;
  updatedAt: string;
}

function Time({ iso }: { iso: string }) {
  if (!iso) return <span className={styles.muted}>unknown</span>;
  return (
    <time dateTime={iso} title={iso}>
      {readableTime(iso)}
    </time>
  );
}

export function PageRowView({
  row,
  busy,
  highlighted,
  onDuplicate,
  onArchive,
}: {
  row: PageRow;
  busy: boolean;
  highlighted: boolean;
  onDuplicate: (row: PageRow) => void;
  onArchive: (row: PageRow) => void;
}) {
  const href = `/pages/${encodeURIComponent(row.id)}`;
  // Open and Edit are described by the row's name rather than named after it, so the name link stays the one link named for the page.
  const nameId = `page-name-${row.id}`;
  return (
    <tr data-page-id={row.id} className={highlighted ? styles.highlighted : undefined} aria-busy={busy || undefined}>
      <th scope="row" className={styles.nameCell} id={nameId}>
        <Link href={href}>{row.name}</Link>
      </th>
      <td>
        {row.tags.map((tag) => (
          <Link key={tag} className={`st-tag ${styles.tagLink}`} href={listHref({ tag })} title={`Only pages tagged ${tag}`}>
            {tag}
          </Link>
        ))}
      </td>
      <td>
        <span className={`${styles.status} ${row.status === 'published' ? styles.published : ''}`}>{row.status || 'unknown'}</span>
      </td>
      <td>
        <Time iso={row.createdAt} />
      </td>
      <td>
        <Time iso={row.updatedAt} />
      </td>
      <td className={styles.actions}>
        <Link className="st-button" href={href} aria-describedby={nameId}>
          Open
        </Link>
        <Link className="st-button" href={`${href}/edit`} aria-describedby={nameId}>
          Edit
        </Link>
        <button type="button" className="st-button" disabled={busy} onClick={() => onDuplicate(row)} aria-label={`Duplicate ${row.name}`}>
          Duplicate
        </button>
        <button type="button" className="st-button" disabled={busy} onClick={() => onArchive(row)} aria-label={`Archive ${row.name}`}>
          Archive
        </button>
      </td>
    </tr>
  );
}
