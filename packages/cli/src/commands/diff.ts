/** `amdahl-pages diff`: per page, what push would change, by node, prop and query. */
import { parseArgs } from 'node:util';
import { REFUSED } from '../../../../lib/pages-as-code/sync-plan';
import { EXIT, OUTPUT_OPTIONS, colorOf, formatOf, type CliIO } from '../io';
import { FOLDER_OPTIONS, planFolder, readLocalFolder } from '../pages-folder';
import { PLATFORM_SETTINGS_HELP, withPlatform } from '../platform-connection';
import { formatPlanMarkdown, formatPlanPretty, planJson, SYNC_FORMATS, type SyncFormat } from '../report/format-sync';

export const DIFF_HELP = `Usage: amdahl-pages diff [--dir pages] [--tag <tag>] [--format pretty|markdown|json] [--exit-code]

Compares the folder with the platform and shows, per page, what push would
do: create, update (each changed node, prop and query by JSON pointer),
archive (with --prune), or refuse (the platform changed since the last pull,
the page has errors, or its id is not on this platform for this key: a page
pulled from another platform or business). Markdown suits a CI job summary.
A "$schema" in a file is the editor's and never a change.

A folder with no *.page.json files, or a page file that is not JSON (named
with line:col), stops diff before the platform is asked (exit 2).

  --exit-code   exit 1 when push would change anything, as git diff --exit-code
  --verbose     list unchanged pages too

${PLATFORM_SETTINGS_HELP}

Exit codes: 0 (no refusals), 1 push would refuse a page (or --exit-code and changes), 2 usage, read or platform error.
`;

export async function diffCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...FOLDER_OPTIONS,
      format: { type: 'string', default: 'pretty' },
      'exit-code': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      ...OUTPUT_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout(DIFF_HELP);
    return EXIT.ok;
  }
  const format = formatOf<SyncFormat>(values.format, SYNC_FORMATS);
  const color = colorOf(values, io);
  // The folder first: no pages, or a file that is not JSON, stops here without asking the platform.
  const read = await readLocalFolder(io, values.dir, { requirePages: true });
  const view = await withPlatform(io, (connection) => planFolder(io, connection, { dir: values.dir, read, ...(values.tag ? { tag: values.tag } : {}) }));
  if (format === 'json') io.stdout(`${JSON.stringify(planJson(view.actions), null, 2)}\n`);
  else if (format === 'markdown') io.stdout(formatPlanMarkdown(view.actions));
  else io.stdout(formatPlanPretty(view.actions, color, { verbose: values.verbose }));
  if (view.actions.some((a) => REFUSED.has(a.kind))) return EXIT.problems;
  const changes = view.actions.some((a) => a.kind === 'create' || a.kind === 'update' || a.kind === 'archive');
  return values['exit-code'] && changes ? EXIT.problems : EXIT.ok;
}
