/** `amdahl-pages pull`: the platform's pages into a folder, one canonical file per page. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { contentHash, contentOf, contentText, pageFileText, PAGE_FILE_SUFFIX, slugOf } from '../../../../lib/pages-as-code/page-file';
import { readPageFolder, readRemotePages } from '../../../../lib/pages-as-code/sync-plan';
import { readSyncState, writeFileAtomic, writeSyncState } from '../../../../lib/pages-as-code/sync-state';
import { EXIT, UsageError, type CliIO } from '../io';
import { FOLDER_OPTIONS, folderOf } from '../pages-folder';
import { withPlatform } from '../platform-connection';
import { startProgress } from '../progress';

export const PULL_HELP = `Usage: amdahl-pages pull [--dir pages] [--tag <tag>] [--force] [--format pretty|json]

Writes every page on the platform (or those with --tag) into the folder as
<slug>.page.json: id, name, tags, version, declared queries and spec, in the
canonical form fmt writes. The folder's .amdahl-pages.json records what was
pulled; commit it with the pages. A file edited since the last pull or push
is not overwritten unless --force.

Exit codes: 0 pulled, 1 some files kept (local edits), 2 usage or platform error.
`;

export async function pullCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...FOLDER_OPTIONS, force: { type: 'boolean', default: false }, format: { type: 'string', default: 'pretty' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(PULL_HELP);
    return EXIT.ok;
  }
  if (values.format !== 'pretty' && values.format !== 'json') throw new UsageError('--format must be pretty or json');
  const folder = folderOf(io, values.dir);
  await mkdir(folder, { recursive: true });
  const state = await readSyncState(folder);
  const tag = values.tag ?? state.tag;
  const local = await readPageFolder(folder);
  const byId = new Map(local.filter((l) => l.id).map((l) => [l.id!, l]));
  const taken = new Set(local.map((l) => l.file));

  const report: { name: string; id: string; file: string; version?: number | string; result: 'written' | 'up to date' | 'kept' }[] = [];
  await withPlatform(io, async (connection) => {
    const remote = await readRemotePages(connection.client, tag ? { tag } : {});
    const progress = startProgress(io, 'pulling pages');
    let done = 0;
    for (const id of [...remote.listed].sort()) {
      const page = remote.pages.get(id)!;
      const content = contentOf(page);
      const existing = byId.get(id);
      let file = existing?.file ?? state.pages[id]?.file;
      if (!file) {
        const slug = slugOf(page.name);
        file = `${slug}${PAGE_FILE_SUFFIX}`;
        for (let n = 2; taken.has(file); n++) file = `${slug}-${n}${PAGE_FILE_SUFFIX}`;
      }
      taken.add(file);
      const edited = existing?.content && state.pages[id] && state.pages[id].hash !== contentHash(existing.content);
      const differs = existing?.content ? contentText(existing.content) !== contentText(content) : true;
      if (edited && differs && !values.force) {
        report.push({ name: page.name, id, file, result: 'kept' });
      } else {
        const text = pageFileText({ ...page, ...(page.version !== undefined ? { version: page.version } : {}) });
        const unchanged = existing?.text === text;
        if (!unchanged) await writeFileAtomic(path.join(folder, file), text);
        state.pages[id] = { file, ...(page.version !== undefined ? { version: page.version } : {}), hash: contentHash(content) };
        report.push({ name: page.name, id, file, ...(page.version !== undefined ? { version: page.version } : {}), result: unchanged ? 'up to date' : 'written' });
      }
      progress.update(++done, remote.listed.size, 'pages');
    }
    progress.end();
  });
  if (tag) state.tag = tag;
  await writeSyncState(folder, state);

  const shownFolder = path.relative(io.cwd, folder) || '.';
  report.sort((a, b) => a.file.localeCompare(b.file));
  if (values.format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else {
    for (const r of report) {
      if (r.result === 'written') io.stdout(`wrote ${path.join(shownFolder, r.file)}  ${r.name} (version ${String(r.version ?? '?')})\n`);
      if (r.result === 'kept') io.stdout(`kept  ${path.join(shownFolder, r.file)}  ${r.name}: edited since the last pull or push; push it, or pull --force to overwrite\n`);
    }
    const count = (what: string) => report.filter((r) => r.result === what).length;
    io.stdout(`${report.length} page${report.length === 1 ? '' : 's'}${tag ? ` tagged ${tag}` : ''}: ${count('written')} written, ${count('up to date')} up to date, ${count('kept')} kept (local edits)\n`);
  }
  return report.some((r) => r.result === 'kept') ? EXIT.problems : EXIT.ok;
}
