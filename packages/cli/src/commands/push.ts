/** `amdahl-pages push`: the folder's pages onto the platform, safely. */
import { parseArgs } from 'node:util';
import { pushPages } from '../../../../lib/pages-as-code/push-pages';
import { REFUSED } from '../../../../lib/pages-as-code/sync-plan';
import { writeSyncState } from '../../../../lib/pages-as-code/sync-state';
import { EXIT, UsageError, type CliIO } from '../io';
import { FOLDER_OPTIONS, planFolder } from '../pages-folder';
import { withPlatform } from '../platform-connection';
import { startProgress } from '../progress';
import { formatPlanPretty, formatPushPretty, planJson } from '../report/format-sync';

export const PUSH_HELP = `Usage: amdahl-pages push [--dir pages] [--tag <tag>] [--dry-run] [--prune] [--format pretty|json]

Creates the folder's new pages and updates changed ones through the pages
API, each update sent with If-Match on the version the file was pulled at.
A page is refused, and nothing of it written, when the platform's version
moved since the last pull while the file changed too, when it has errors, or
when its id is gone; the other pages go on and every result is reported.
New ids and versions are written back into the files and .amdahl-pages.json:
commit them.

  --dry-run   say what would happen; change nothing
  --prune     archive pages deleted from the folder (only pages this folder pulled or pushed)

Exit codes: 0 pushed, 1 some page refused or failed, 2 usage or platform error.
`;

export async function pushCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...FOLDER_OPTIONS,
      'dry-run': { type: 'boolean', default: false },
      prune: { type: 'boolean', default: false },
      format: { type: 'string', default: 'pretty' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(PUSH_HELP);
    return EXIT.ok;
  }
  if (values.format !== 'pretty' && values.format !== 'json') throw new UsageError('--format must be pretty or json');
  const color = values['no-color'] ? false : values.color ?? io.color;
  return withPlatform(io, async (connection) => {
    const view = await planFolder(io, connection, { dir: values.dir, ...(values.tag ? { tag: values.tag } : {}) });
    // Without --prune, deletions are only reported.
    const actions = view.actions;
    if (values['dry-run']) {
      if (values.format === 'json') io.stdout(`${JSON.stringify(planJson(actions), null, 2)}\n`);
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
    if (view.tag) view.state.tag = view.tag;
    await writeSyncState(view.folder, view.state);
    if (values.format === 'json') {
      io.stdout(`${JSON.stringify(results.map((r) => ({ outcome: r.outcome, name: r.action.name, ...planJson([r.action])[0] as object, ...(r.message ? { message: r.message } : {}), ...(r.version !== undefined ? { version: r.version } : {}) })), null, 2)}\n`);
    } else io.stdout(formatPushPretty(results, color));
    return results.some((r) => r.outcome === 'refused' || r.outcome === 'failed') ? EXIT.problems : EXIT.ok;
  });
}
