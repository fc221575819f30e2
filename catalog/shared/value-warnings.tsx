'use client';
/** The small visible note a node shows when a value cannot be right (see lib/format/value-range.ts). */
export function ValueWarnings({ warnings }: { warnings?: readonly string[] }) {
  if (!warnings || warnings.length === 0) return null;
  return (
    <ul className="ap-value-warnings" role="note" aria-label="Value warnings">
      {warnings.map((w) => (
        <li key={w} data-ap-warning="">
          <span aria-hidden="true">⚠ </span>
          {w}
        </li>
      ))}
    </ul>
  );
}
