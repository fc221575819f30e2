'use client';
/** The studio's list of pages: filters, the table of one screen, paging, and the per-page actions. */
import Link from 'next/link';
import { useState } from 'react';
import { filtersHref, nextHref, previousHref, screenNumber, type ListLocation } from '../../lib/pages-list/list-url';
import { ArchiveDialog } from './archive-dialog';
import { ListFiltersForm } from './list-filters';
import { ListNotice } from './list-notice';
import { PageRowView, type PageRow } from './page-row';
import styles from './pages-list.module.css';
import { usePageActions } from './use-page-actions';

/** One screen of the list, as the server loaded it (app/_server/pages-list.ts). */
export interface PagesListProps {
  rows: PageRow[];
  nextCursor: string | null;
  scanned: number;
  scanStopped: boolean;
  location: ListLocation;
  problems: string[];
  failure?: string;
}

export function PagesList({ rows, nextCursor, scanStopped, scanned, location, problems, failure }: PagesListProps) {
  const filters = { q: location.q, tag: location.tag, status: location.status };
  const filtered = filters.q !== '' || filters.tag !== '' || filters.status !== '';
  const actions = usePageActions({ firstScreenHref: filtersHref(filters) });
  const [confirming, setConfirming] = useState<PageRow | null>(null);
  const visible = rows.filter((row) => !actions.hidden.has(row.id));
  const tagOptions = [...new Set(rows.flatMap((row) => row.tags))].sort();
  const previous = previousHref(location);
  const next = nextCursor ? nextHref(location, nextCursor) : null;
  const screen = screenNumber(location);

  return (
    <>
      <div className={styles.head}>
        <h1 className={styles.title}>Pages</h1>
        <Link className="st-button st-primary" href="/pages/new">
          New page
        </Link>
      </div>
      <ListFiltersForm filters={filters} tagOptions={tagOptions} />
      {problems.map((problem) => (
        <div key={problem} className="st-banner st-banner-info" role="note">
          {problem}
        </div>
      ))}
      {failure ? (
        <div className="st-banner st-banner-error" role="alert">
          The platform did not answer: {failure}
        </div>
      ) : null}
      <ListNotice notice={actions.notice} busy={actions.notice?.kind === 'archived' && actions.busy.has(actions.notice.id)} onUndo={actions.undo} onDismiss={actions.dismiss} />
      <table className={`st-table ${styles.table}`} data-testid="page-list">
        <caption className={styles.caption}>
          {filtered ? 'Pages matching the filters' : 'All pages'}, screen {screen}
          {filters.q || filters.status ? ` (the name and status are matched by the studio over ${scanned} pages the platform listed${filters.tag ? ' with this tag' : ''})` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Tags</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span className={styles.visuallyHidden}>Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => (
            <PageRowView
              key={row.id}
              row={row}
              busy={actions.busy.has(row.id)}
              highlighted={actions.highlighted === row.id}
              onDuplicate={actions.duplicate}
              onArchive={setConfirming}
            />
          ))}
          {visible.length === 0 && !failure ? (
            <tr>
              <td colSpan={6} className={styles.muted}>
                {filtered ? (
                  <>
                    No page matches these filters{screen > 1 ? ' on this screen' : ''}. <Link href="/">Show every page</Link>.
                  </>
                ) : screen > 1 ? (
                  <>No more pages.</>
                ) : (
                  <>
                    No pages yet. <Link href="/pages/new">Create one</Link>.
                  </>
                )}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {scanStopped ? (
        <p className={styles.muted} role="note">
          The studio looked through {scanned} pages for this screen and stopped; Next looks further.
        </p>
      ) : null}
      <nav className={styles.pager} aria-label="Pages of the list">
        {previous !== null ? (
          <Link className="st-button" href={previous} rel="prev">
            ← Previous
          </Link>
        ) : (
          <span className={`st-button ${styles.disabledLink}`} aria-disabled="true">
            ← Previous
          </span>
        )}
        <span className={styles.muted}>Screen {screen}</span>
        {next !== null ? (
          <Link className="st-button" href={next} rel="next">
            Next →
          </Link>
        ) : (
          <span className={`st-button ${styles.disabledLink}`} aria-disabled="true">
            Next →
          </span>
        )}
      </nav>
      <ArchiveDialog
        name={confirming?.name ?? null}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          const row = confirming;
          setConfirming(null);
          if (row) void actions.archive(row);
        }}
      />
    </>
  );
}
