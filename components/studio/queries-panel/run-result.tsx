'use client';
/** What a run answered: the columns with their types, the first rows, the count and the time; or the platform's error. */
import { formatCell } from './format-cell';
import type { RunAnswer } from './run-query';

export function RunResult({ answer, stale }: { answer: RunAnswer; stale: boolean }) {
  if (!answer.ok) {
    const at = answer.error.position ? ` (line ${answer.error.position.line}, column ${answer.error.position.column})` : '';
    return (
      <div className="st-run-error" role="alert" data-testid="run-error">
        <strong>{answer.error.code}</strong>: {answer.error.message}
        {at}
        {answer.error.hint ? <div className="st-code">{answer.error.hint}</div> : null}
        {stale ? <div className="st-code">The SQL changed since this run.</div> : null}
      </div>
    );
  }
  return (
    <div data-testid="run-result">
      <div className="st-run-summary" data-testid="run-summary">
        {answer.row_count.toLocaleString('en-US')} row{answer.row_count === 1 ? '' : 's'}
        {answer.rows.length < answer.row_count ? ` (first ${answer.rows.length} shown)` : ''} · {answer.elapsed_ms} ms
        {stale ? ' · the SQL changed since this run' : ''}
      </div>
      <div className="st-run-rows">
        <table className="st-table">
          <thead>
            <tr>
              {answer.columns.map((c) => (
                <th key={c.name} title={c.type}>
                  {c.name}
                  {c.type ? <span className="st-code"> {c.type}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {answer.rows.map((row, i) => (
              <tr key={i}>
                {answer.columns.map((c) => (
                  <td key={c.name}>{formatCell(row[c.name])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
