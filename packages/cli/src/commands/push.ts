/** `amdahl-pages push`: the folder's pages onto the platform, all or nothing. */
import { parseArgs } from 'node:util';
import { pushPages, type PushResult } from '../../../../lib/pages-as-code/push-pages';
import { REFUSED } from '../../../../lib/pages-as-code/sync-plan';
import { writeSyncState } from '../../../../lib/pages-as-code/sync-state';
import { EXIT, OUTPUT_OPTIONS, colorOf, formatOf, type CliIO } from '../io';
import { FOLDER_OPTIONS, planFolder, readLocalFolder } from '../pages-folder';
import { PLATFORM_SETTINGS_HELP, withPlatform } from '../platform-connection';
import { startProgress } from '../progress';
import { formatPlanPretty, formatPushPretty, planJson } from '../report/format-sync';

export const PUSH_HELP = `Usage: amdahl-pages push [--dir pages] [--tag <tag>] [--dry-run] [--prune] [--format pretty|json]

Creates the folder's new pages and updates changed ones through the pages
API, each update sent with If-Match on the version the file was pulled at.

All or nothing: every page is checked before anything is sent, and when any
page is refused nothing is written (not on the platform, not in the files);
the refused pages are named with the reason. A page is refused when it has
errors, when the platform's version moved since the last pull while the
file changed too, or when its id is not on this platform for this key (a
page pulled from another platform or business, or archived since). A page
someone changes between the check and the write is still refused by
If-Match; the writes not yet sent then stop, and the report says which were
written. New ids and versions are written back into the files and
.amdahl-pages.json: commit them. A "$schema" in a file stays in the file and
is never sent.

A folder with no *.page.json files, or a page file that is not JSON (named
with line:col), stops push before the platform is asked (exit 2).

  --dry-run   say what would happen; change nothing
  --prune     archive pages deleted from the folder (only pages this folder pulled or pushed)

${PLATFORM_SETTINGS_HELP}

Exit codes: 0 pushed, 1 some page refused or failed (nothing written when refused before sending), 2 usage, read or platform error.
`;

function pushJson(results: readonly PushResult[]): unknown[] {
  return results.map((r) => ({
    outcome: r.outcome,
    name: r.action.name,
    ...(planJson([r.action])[0] as object),
    ...(r.message ? { message: r.message } : {}),
    ...(r.version !== undefined ? { version: r.version } : {}),
  }));
}

export async function pushCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...FOLDER_OPTIONS,
      'dry-run': { type: 'boolean', default: false },
      prune: { type: 'boolean', default: false },
      format: { type: 'string', default: 'pretty' },
      ...OUTPUT_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout(PUSH_HELP);
    return EXIT.ok;
  }
  const format = formatOf(values.format, ['pretty', 'json'] as const);
  const color = colorOf(values, io);
  // The folder first: no pages, or a file that is not JSON, stops here without asking the platform.
  const read = await readLocalFolder(io, values.dir, { requirePages: true });
  return withPlatform(io, async (connection) => {
    const view = await planFolder(io, connection, { dir: values.dir, read, ...(values.tag ? { tag: values.tag } : {}) });
    // Without --prune, deletions are only reported.
    const actions = view.actions;
    if (values['dry-run']) {
      if (format === 'json') io.stdout(`${JSON.stringify(planJson(actions), null, 2)}\n`);
      else io.stdout(`dry run: nothing is sent\n${formatPlanPretty(actions, color)}`);
      return actions.some((a) => REFUSED.has(a.kind)) ? EXIT.problems : EXIT.ok;
    }
    const progress = startProgress(io, 'pushing pages');
    let done = 0;
    const results = await pushPages(actions, {
      client: connection.client,
      state: view.state,
      prune: values.prune,
      onResult: () => progress.update(++done, actions.length, 'pages'),
    });
    progress.end();
    // A push refused before sending leaves the folder exactly as it was, the state file included.
    if (!actions.some((a) => REFUSED.has(a.kind))) {
      if (view.tag) view.state.tag = view.tag;
      if (connection.origin) view.state.platform = connection.origin;
      await writeSyncState(view.folder, view.state);
    }
    if (format === 'json') io.stdout(`${JSON.stringify(pushJson(results), null, 2)}\n`);
    else io.stdout(formatPushPretty(results, color));
    return results.some((r) => r.outcome === 'refused' || r.outcome === 'failed') ? EXIT.problems : EXIT.ok;
  });
}
