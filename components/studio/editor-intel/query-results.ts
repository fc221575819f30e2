/** A query's latest outcome as the editor shows it: columns with types, and the first rows as a Markdown table. Pure. */
import type { QueryOutcome } from '../../../lib/render/run-queries';
import type { ResultColumn } from '../../../lib/spec/resolved';

export function resultColumns(outcome: QueryOutcome | undefined): ResultColumn[] | undefined {
  if (!outcome?.ok) return undefined;
  const { columns, rows } = outcome.result;
  if (columns.length) return columns;
  return rows[0] ? Object.keys(rows[0]).map((name) => ({ name })) : undefined;
}

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const short = text.length > 40 ? `${text.slice(0, 39)}…` : text;
  return short.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/[<>*_`[\]]/g, (c) => `\\${c}`);
}

/** The first `max` rows as a Markdown table, with the row count and time. */
export function outcomeMarkdown(outcome: QueryOutcome | undefined, max = 5): string {
  if (!outcome) return '_Not run yet: the preview runs it._';
  if (!outcome.ok) return `**Failed** (${cell(outcome.error.code)}): ${cell(outcome.error.message)}`;
  const { rows, truncated } = outcome.result;
  const count = `${rows.length}${truncated ? '+' : ''} row${rows.length === 1 ? '' : 's'} · ${Math.round(outcome.elapsedMs)} ms${outcome.cached ? ' (cached)' : ''}`;
  const columns = resultColumns(outcome) ?? [];
  if (!rows.length || !columns.length) return count;
  const head = `| ${columns.map((c) => cell(c.name)).join(' | ')} |\n|${columns.map(() => '---').join('|')}|`;
  const body = rows.slice(0, max).map((r) => `| ${columns.map((c) => cell(r[c.name])).join(' | ')} |`);
  return `${count}\n\n${head}\n${body.join('\n')}${rows.length > max ? `\n\n…and ${rows.length - max} more` : ''}`;
}
