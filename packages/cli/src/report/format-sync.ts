/**
 * How pull, diff and push report: per page, what happens to it and, for a
 * change, which nodes, props and queries by JSON pointer. Pretty for a
 * terminal, Markdown for a CI job summary, JSON for tools.
 */
import pc from 'picocolors';
import { preview, type PageChange } from '../../../../lib/pages-as-code/page-diff';
import type { PushResult } from '../../../../lib/pages-as-code/push-pages';
import { refusalOf } from '../../../../lib/pages-as-code/push-pages';
import type { PageAction } from '../../../../lib/pages-as-code/sync-plan';

export const SYNC_FORMATS = ['pretty', 'markdown', 'json'] as const;
export type SyncFormat = (typeof SYNC_FORMATS)[number];

const VERBS: Record<PageAction['kind'], string> = {
  create: 'create',
  update: 'update',
  unchanged: 'unchanged',
  behind: 'platform is newer (pull)',
  conflict: 'REFUSED: changed on the platform since the last pull',
  missing: 'REFUSED: not on this platform for this key',
  invalid: 'REFUSED: has errors',
  archive: 'deleted from the folder: archive (with --prune)',
  'archive-conflict': 'REFUSED: deleted here, changed on the platform',
  'remote-only': 'only on the platform (pull to add it)',
};

const MARKS: Record<PageAction['kind'], string> = {
  create: '+',
  update: '~',
  unchanged: '=',
  behind: '<',
  conflict: '!',
  missing: '!',
  invalid: '!',
  archive: '-',
  'archive-conflict': '!',
  'remote-only': '?',
};

function fileOf(action: PageAction): string {
  return 'local' in action ? action.local.file : 'file' in action ? `${action.file} (deleted)` : '';
}

function changesOf(action: PageAction): PageChange[] {
  return 'changes' in action ? action.changes : [];
}

export function describeChange(change: PageChange): string {
  if (change.kind === 'added') return `added   ${change.pointer}  ${change.what}: ${preview(change.after)}`;
  if (change.kind === 'removed') return `removed ${change.pointer}  ${change.what}: ${preview(change.before)}`;
  return `changed ${change.pointer}  ${change.what}: ${preview(change.before, 60)} → ${preview(change.after, 60)}`;
}

export function countActions(actions: readonly PageAction[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of actions) counts[a.kind] = (counts[a.kind] ?? 0) + 1;
  return counts;
}

export function summaryOf(actions: readonly PageAction[]): string {
  const c = countActions(actions);
  const refused = (c.conflict ?? 0) + (c.missing ?? 0) + (c.invalid ?? 0) + (c['archive-conflict'] ?? 0);
  const parts = [`${c.create ?? 0} to create`, `${c.update ?? 0} to update`, `${c.archive ?? 0} to archive`, `${c.unchanged ?? 0} unchanged`];
  if (c.behind) parts.push(`${c.behind} behind the platform`);
  if (c['remote-only']) parts.push(`${c['remote-only']} only on the platform`);
  parts.push(`${refused} refused`);
  return `${actions.length} page${actions.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

export function formatPlanPretty(actions: readonly PageAction[], color: boolean, options: { verbose?: boolean } = {}): string {
  const c = color ? pc : pc.createColors(false);
  const lines: string[] = [];
  for (const action of actions) {
    if (action.kind === 'unchanged' && !options.verbose) continue;
    const refusal = refusalOf(action);
    const paint = refusal ? c.red : action.kind === 'create' ? c.green : action.kind === 'update' ? c.yellow : c.dim;
    lines.push(`${paint(MARKS[action.kind])} ${c.bold(action.name)}  ${c.dim(fileOf(action))}  ${paint(VERBS[action.kind])}`);
    if (refusal) lines.push(`    ${refusal}`);
    if (action.kind === 'invalid') for (const d of action.diagnostics.slice(0, 5)) lines.push(`    ${action.local.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
    for (const change of changesOf(action)) lines.push(`    ${describeChange(change)}`);
  }
  lines.push(summaryOf(actions));
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function formatPlanMarkdown(actions: readonly PageAction[]): string {
  const lines = ['### Pages: what push would change', '', summaryOf(actions), ''];
  const shown = actions.filter((a) => a.kind !== 'unchanged');
  if (shown.length === 0) return `${lines.join('\n')}No page changes.\n`;
  lines.push('| | page | file | action |', '|---|---|---|---|');
  for (const a of shown) lines.push(`| ${MARKS[a.kind]} | ${cell(a.name)} | \`${cell(fileOf(a))}\` | ${cell(refusalOf(a) ?? VERBS[a.kind])} |`);
  for (const a of shown) {
    const changes = changesOf(a);
    if (changes.length === 0) continue;
    lines.push('', `<details><summary>${cell(a.name)}: ${changes.length} change${changes.length === 1 ? '' : 's'}</summary>`, '', '```');
    for (const change of changes) lines.push(describeChange(change));
    lines.push('```', '</details>');
  }
  return `${lines.join('\n')}\n`;
}

export function planJson(actions: readonly PageAction[]): unknown[] {
  return actions.map((a) => ({
    action: a.kind,
    name: a.name,
    file: 'local' in a ? a.local.file : 'file' in a ? a.file : undefined,
    id: 'id' in a ? a.id : 'local' in a ? a.local.id : undefined,
    ...('local' in a && a.local.version !== undefined ? { version: a.local.version } : {}),
    ...('remoteVersion' in a && a.remoteVersion !== undefined ? { remoteVersion: a.remoteVersion } : {}),
    ...(refusalOf(a) ? { refused: refusalOf(a) } : {}),
    ...('changes' in a ? { changes: a.changes } : {}),
    ...(a.kind === 'invalid' ? { diagnostics: a.diagnostics } : {}),
  }));
}

const OUTCOMES = ['created', 'updated', 'archived', 'unchanged', 'skipped', 'refused', 'failed', 'not-sent'] as const;

/** The closing line when something was refused: whether anything was written, and what to do. */
export function pushVerdict(counts: Record<string, number>): string | undefined {
  const refused = (counts.refused ?? 0) + (counts.failed ?? 0);
  if (refused === 0) return undefined;
  const written = (counts.created ?? 0) + (counts.updated ?? 0) + (counts.archived ?? 0);
  const held = counts['not-sent'] ?? 0;
  const pages = (n: number) => `${n} page${n === 1 ? '' : 's'}`;
  if (written === 0) return `nothing was written: ${pages(refused)} refused${held ? `, so ${held === 1 ? 'the 1 other change was' : `the ${held} other changes were`} not sent` : ''}; fix the refused pages and push again`;
  return `${pages(written)} written before a write was refused (changed on the platform since the check)${held ? `; ${held} not sent` : ''}: pull, then push again`;
}

export function formatPushPretty(results: readonly PushResult[], color: boolean): string {
  const c = color ? pc : pc.createColors(false);
  const lines: string[] = [];
  const counts: Record<string, number> = {};
  for (const r of results) {
    counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
    if (r.outcome === 'unchanged') continue;
    const paint = r.outcome === 'refused' || r.outcome === 'failed' ? c.red : r.outcome === 'skipped' || r.outcome === 'not-sent' ? c.dim : c.green;
    const version = r.version !== undefined ? ` (version ${String(r.version)})` : '';
    lines.push(`${paint(r.outcome.padEnd(8))} ${c.bold(r.action.name)}  ${c.dim(fileOf(r.action))}${version}`);
    // A held-back write's reason is the closing verdict's; said once, not per page.
    if (r.message && r.outcome !== 'not-sent') lines.push(`    ${r.message}`);
    if (r.outcome === 'updated') for (const change of changesOf(r.action)) lines.push(`    ${describeChange(change)}`);
  }
  const shown = OUTCOMES.filter((o) => o !== 'not-sent' || counts[o]);
  lines.push(`${results.length} page${results.length === 1 ? '' : 's'}: ${shown.map((o) => `${counts[o] ?? 0} ${o}`).join(', ')}`);
  const verdict = pushVerdict(counts);
  if (verdict) lines.push(c.red(verdict));
  return `${lines.join('\n')}\n`;
}
