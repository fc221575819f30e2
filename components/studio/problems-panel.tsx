'use client';
/** Every diagnostic of the current text, in document order; a click moves the cursor there. */
import type { Diagnostic } from '../../lib/spec/diagnostics';

export function ProblemsPanel({ diagnostics, stale, onSelect }: { diagnostics: readonly Diagnostic[]; stale: boolean; onSelect(d: Diagnostic): void }) {
  return (
    <section className="st-problems" aria-label="Problems" data-testid="problems" data-stale={stale ? 'true' : 'false'}>
      {diagnostics.length === 0 ? (
        <div style={{ padding: '4px 12px', color: 'var(--ap-muted)' }}>{stale ? 'Checking…' : 'No problems'}</div>
      ) : (
        <ul>
          {diagnostics.map((d, i) => (
            <li key={i} onClick={() => onSelect(d)} data-code={d.code}>
              <span className={d.severity === 'error' ? 'st-sev-error' : 'st-sev-warning'}>{d.severity}</span>
              <span className="st-code">{d.line !== undefined ? `${d.line}:${d.column}` : d.pointer}</span>
              <span className="st-code">{d.code}</span>
              <span>
                {d.message}
                {d.hint ? <em style={{ color: 'var(--ap-muted)' }}> — {d.hint}</em> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
