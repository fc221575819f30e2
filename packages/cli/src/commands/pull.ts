/** `amdahl-pages pull`: the platform's pages into a folder, one canonical file per page. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { contentHash, contentOf, contentText, pageFileText, PAGE_FILE_SUFFIX, schemaOf, slugOf } from '../../../../lib/pages-as-code/page-file';
import { readRemotePages, type LocalPage } from '../../../../lib/pages-as-code/sync-plan';
import { writeFileAtomic, writeSyncState, type SyncState } from '../../../../lib/pages-as-code/sync-state';
import type { Page as StoredPage } from '../../../../lib/platform';
import { EXIT, formatOf, type CliIO } from '../io';
import { FOLDER_OPTIONS, readLocalFolder, shownFolder } from '../pages-folder';
import { schemaLinkFor } from '../page-schema-link';
import { PLATFORM_SETTINGS_HELP, withPlatform } from '../platform-connection';
import { startProgress } from '../progress';

export const PULL_HELP = `Usage: amdahl-pages pull [--dir pages] [--tag <tag>] [--force] [--format pretty|json]

Writes every page on the platform (or those with --tag) into the folder as
<slug>.page.json: "$schema", id, name, tags, version, declared queries and
spec, in the canonical form fmt writes. The folder's .amdahl-pages.json
records what was pulled, and from where; commit it with the pages. A file
edited since the last pull or push is not overwritten unless --force.

"$schema" is the path from the folder to the page JSON Schema of the
amdahl-pages package installed in the project (node_modules/amdahl-pages/
schema/page.schema.json), so VS Code and other editors complete and check
the pages with no extension. Without the package installed (the CLI run
through npx from outside the project), pull says so once and writes no
"$schema" (a file's own is kept).

A page file already in the folder that is not JSON is named with line:col
and stops pull before the platform is asked (exit 2).

${PLATFORM_SETTINGS_HELP}

Exit codes: 0 pulled, 1 some files kept (local edits), 2 usage, read or platform error.
`;

type PullResult = 'written' | 'up to date' | 'kept';

interface PullEntry {
  name: string;
  id: string;
  file: string;
  version?: number | string;
  result: PullResult;
}

interface PullContext {
  folder: string;
  state: SyncState;
  byId: Map<string, LocalPage>;
  taken: Set<string>;
  schema?: string;
  force: boolean;
}

/** The file a page goes to: the one that has its id, the one the state names, else a new slug. */
function fileFor(page: StoredPage, ctx: PullContext): string {
  let file = ctx.byId.get(page.id)?.file ?? ctx.state.pages[page.id]?.file;
  if (!file) {
    const slug = slugOf(page.name);
    file = `${slug}${PAGE_FILE_SUFFIX}`;
    for (let n = 2; ctx.taken.has(file); n++) file = `${slug}-${n}${PAGE_FILE_SUFFIX}`;
  }
  ctx.taken.add(file);
  return file;
}

async function pullPage(page: StoredPage, ctx: PullContext): Promise<PullEntry> {
  const { id } = page;
  const content = contentOf(page);
  const existing = ctx.byId.get(id);
  const file = fileFor(page, ctx);
  const edited = existing?.content && ctx.state.pages[id] && ctx.state.pages[id].hash !== contentHash(existing.content);
  const differs = existing?.content ? contentText(existing.content) !== contentText(content) : true;
  if (edited && differs && !ctx.force) return { name: page.name, id, file, result: 'kept' };
  const version = page.version !== undefined ? { version: page.version } : {};
  // The installed package's schema; without one, a schema the file already names stays.
  const schema = ctx.schema ?? schemaOf(existing?.value);
  const text = pageFileText({ ...page, ...version, ...(schema !== undefined ? { $schema: schema } : {}) });
  const unchanged = existing?.text === text;
  if (!unchanged) await writeFileAtomic(path.join(ctx.folder, file), text);
  ctx.state.pages[id] = { file, ...version, hash: contentHash(content) };
  return { name: page.name, id, file, ...version, result: unchanged ? 'up to date' : 'written' };
}

function reportPretty(io: CliIO, report: PullEntry[], shown: string, tag: string | undefined): void {
  for (const r of report) {
    if (r.result === 'written') io.stdout(`wrote ${path.join(shown, r.file)}  ${r.name} (version ${String(r.version ?? '?')})\n`);
    if (r.result === 'kept') io.stdout(`kept  ${path.join(shown, r.file)}  ${r.name}: edited since the last pull or push; push it, or pull --force to overwrite\n`);
  }
  const count = (what: PullResult) => report.filter((r) => r.result === what).length;
  io.stdout(`${report.length} page${report.length === 1 ? '' : 's'}${tag ? ` tagged ${tag}` : ''}: ${count('written')} written, ${count('up to date')} up to date, ${count('kept')} kept (local edits)\n`);
}

export async function pullCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...FOLDER_OPTIONS, force: { type: 'boolean', default: false }, format: { type: 'string', default: 'pretty' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(PULL_HELP);
    return EXIT.ok;
  }
  const format = formatOf(values.format, ['pretty', 'json'] as const);
  // The folder first: a page file that is not JSON stops here, before the platform is asked.
  const { folder, state, local } = await readLocalFolder(io, values.dir, { requirePages: false });
  await mkdir(folder, { recursive: true });
  const tag = values.tag ?? state.tag;
  const link = schemaLinkFor(folder, io.cwd);
  const ctx: PullContext = {
    folder,
    state,
    byId: new Map(local.filter((l) => l.id).map((l) => [l.id!, l])),
    taken: new Set(local.map((l) => l.file)),
    ...(link.ref ? { schema: link.ref } : {}),
    force: values.force,
  };
  const report: PullEntry[] = [];
  await withPlatform(io, async (connection) => {
    const remote = await readRemotePages(connection.client, tag ? { tag } : {});
    const progress = startProgress(io, 'pulling pages');
    for (const id of [...remote.listed].sort()) {
      report.push(await pullPage(remote.pages.get(id)!, ctx));
      progress.update(report.length, remote.listed.size, 'pages');
    }
    progress.end();
    if (connection.origin) state.platform = connection.origin;
  });
  if (link.note && report.length > 0) io.stderr(`amdahl-pages: ${link.note}\n`);
  if (tag) state.tag = tag;
  await writeSyncState(folder, state);

  report.sort((a, b) => a.file.localeCompare(b.file));
  if (format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else reportPretty(io, report, shownFolder(io, folder), tag);
  return report.some((r) => r.result === 'kept') ? EXIT.problems : EXIT.ok;
}
