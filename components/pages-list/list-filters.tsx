'use client';
/**
 * Search, tag and status. A plain GET form (it works before hydration); with
 * script, typing in the search applies itself after a pause and the status
 * applies on change. Every change starts again from the first screen.
 */
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { filtersHref, LISTABLE_STATUSES, type ListFilters } from '../../lib/pages-list/list-url';
import styles from './pages-list.module.css';

const TYPING_PAUSE_MS = 350;

export function ListFiltersForm({ filters, tagOptions }: { filters: ListFilters; tagOptions: string[] }) {
  const router = useRouter();
  const [q, setQ] = useState(filters.q);
  const [tag, setTag] = useState(filters.tag);
  const [status, setStatus] = useState<ListFilters['status']>(filters.status);
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const searchBox = useRef<HTMLInputElement>(null);

  // A navigation (Back, a tag link) brings new filters: show them, but never over what is being typed.
  useEffect(() => {
    if (document.activeElement !== searchBox.current) setQ(filters.q);
    setTag(filters.tag);
    setStatus(filters.status);
  }, [filters.q, filters.tag, filters.status]);

  useEffect(() => () => clearTimeout(typing.current), []);

  function apply(next: ListFilters): void {
    clearTimeout(typing.current);
    const href = filtersHref(next);
    const current = filtersHref(filters);
    if (href !== current) router.push(href);
  }

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    apply({ q, tag, status });
  }

  const active = filters.q !== '' || filters.tag !== '' || filters.status !== '';
  return (
    <form className={styles.filters} role="search" method="get" action="/" onSubmit={onSubmit}>
      <div className={styles.field}>
        <label htmlFor="pages-list-q">Search by name</label>
        <input
          id="pages-list-q"
          ref={searchBox}
          type="search"
          name="q"
          value={q}
          placeholder="Name contains…"
          onChange={(event) => {
            const value = event.target.value;
            setQ(value);
            clearTimeout(typing.current);
            typing.current = setTimeout(() => apply({ q: value, tag, status }), TYPING_PAUSE_MS);
          }}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor="pages-list-tag">Tag</label>
        <input id="pages-list-tag" type="text" name="tag" value={tag} list="pages-list-tags" placeholder="any tag" onChange={(event) => setTag(event.target.value)} />
        <datalist id="pages-list-tags">
          {tagOptions.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </div>
      <div className={styles.field}>
        <label htmlFor="pages-list-status">Status</label>
        <select
          id="pages-list-status"
          name="status"
          value={status}
          onChange={(event) => {
            const value = event.target.value as ListFilters['status'];
            setStatus(value);
            apply({ q, tag, status: value });
          }}
        >
          <option value="">Any status</option>
          {LISTABLE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s[0]!.toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="st-button">
        Apply
      </button>
      {active ? (
        <button
          type="button"
          className="st-button"
          onClick={() => {
            setQ('');
            setTag('');
            setStatus('');
            apply({ q: '', tag: '', status: '' });
          }}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
