'use client';
/** One chip per query the preview ran: rows, time, cache, or the error. */
import type { QueryOutcome } from '../../lib/render/run-queries';

export function QueryStrip({ outcomes }: { outcomes: Record<string, QueryOutcome> }) {
  const entries = Object.entries(outcomes);
  if (entries.length === 0) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, padding: '8px 20px 0', fontSize: 12 }} data-testid="query-strip">
      {entries.map(([name, outcome]) => (
        <span
          key={name}
          className="st-tag"
          title={outcome.ok ? undefined : outcome.error.message}
          style={outcome.ok ? undefined : { background: 'var(--ap-error-bg)', color: 'var(--ap-error-text)' }}
        >
          {name}:{' '}
          {outcome.ok
            ? `${outcome.result.rows.length.toLocaleString('en-US')} row${outcome.result.rows.length === 1 ? '' : 's'}${outcome.result.truncated ? ' (capped)' : ''} · ${outcome.cached ? 'cached' : `${outcome.elapsedMs} ms`}`
            : outcome.error.code}
        </span>
      ))}
    </div>
  );
}
