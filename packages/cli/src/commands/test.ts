/** `amdahl-pages test`: every page in the folder rendered over recorded query results, as the app renders it. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { catalog } from '../../../../catalog';
import { readRecording, recordingPath } from '../../../../lib/pages-as-code/recordings';
import { replayRecording } from '../../../../lib/pages-as-code/snapshot-check';
import type { LocalPage } from '../../../../lib/pages-as-code/sync-plan';
import type { Diagnostic } from '../../../../lib/spec/diagnostics';
import { readDocument } from '../../../../lib/spec/document';
import { normalisePage } from '../../../../lib/spec/normalise';
import { withPositions, type Finding } from '../../../../lib/spec/positions';
import { analysePage } from '../../../../lib/spec/validate';
import { EXIT, OUTPUT_OPTIONS, UsageError, colorOf, formatOf, type CliIO } from '../io';
import { FOLDER_OPTIONS, readLocalFolder } from '../pages-folder';
import { startProgress } from '../progress';
import { givenParams, recordResults } from '../record-results';
import { FORMATS, formatRecords, totalsOf, type FileDiagnostics, type OutputFormat } from '../report/format-records';
import { prepareValidation } from '../validate-files';

export const TEST_HELP = `Usage: amdahl-pages test [--dir pages] [--record [--param name=value]...] [--max-rows 200] [--format pretty|json|github|sarif]

Renders every <slug>.page.json in the folder on the server, through the same
renderer as the app, over the query results recorded in __data__/<slug>.data.json,
and fails when a page no longer renders, a node shows an error card, a
binding finds nothing, or a column the recording has is no longer returned
by the query's SQL. SQL, cluster_search and kb_search queries are recorded and
replayed alike; a recording whose SQL, search or param values the page has
since changed is a stale-recording warning.

  --record             first run every page's queries on the platform (AMDAHL_URL +
                       API_KEY, else the embedded local platform) and record the
                       results, with the param values used ("params" in the file)
  --param name=value   with --record: run with this value of the param instead of
                       its default (or first allowed value), in every page that
                       declares it; checked as the app checks ?name=value. Repeatable.
                       A name no page declares, or a value a declaration refuses,
                       is a usage error and nothing is recorded
  --max-rows <n>       rows kept per recorded query (default 200)

Exit codes: 0 every page renders, 1 findings, 2 usage, read or platform error.
`;

/** A node pointer of the canonical spec (`/root/children/1`) in the author's file. */
function filePointer(rootPointer: string, pointer: string): string {
  return `${rootPointer}${pointer.slice('/root'.length)}`;
}

async function testPage(folder: string, local: LocalPage): Promise<Diagnostic[]> {
  const analysis = analysePage(local.text, catalog);
  if (!local.value) return analysis.diagnostics.filter((d) => d.severity === 'error');
  const page = normalisePage(local.value);
  const recording = await readRecording(recordingPath(folder, local.file));
  const replay = replayRecording(analysis, page, recording);
  const { renderPage } = await import('../render/render-page');
  const report = await renderPage(page, replay.outcomes);
  const rootPointer = readDocument(local.value).rootPointer;
  const findings: Finding[] = [...replay.findings];
  for (const problem of report.problems) {
    const node = filePointer(rootPointer, problem.pointer);
    // A node whose problem the replay already named (with a hint) does not need its card reported again.
    const named = replay.findings.some((f) => f.severity === 'error' && f.pointer.startsWith(`${node}/`) && !f.pointer.slice(node.length).startsWith('/children/'));
    if (problem.kind === 'error-card' && named) continue;
    findings.push({ code: problem.kind, severity: 'error', message: `${problem.title}: ${problem.message}`, pointer: `${node}/type` });
  }
  return withPositions(findings, local.text);
}

export async function testCommand(argv: string[], io: CliIO, version: string): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...FOLDER_OPTIONS,
      record: { type: 'boolean', default: false },
      param: { type: 'string', multiple: true, default: [] },
      'max-rows': { type: 'string', default: '200' },
      format: { type: 'string', default: 'pretty' },
      ...OUTPUT_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout(TEST_HELP);
    return EXIT.ok;
  }
  const format = formatOf<OutputFormat>(values.format, FORMATS);
  const maxRows = Number(values['max-rows']);
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new UsageError('--max-rows takes a whole number from 1');
  // Replaying runs no query: a value would change nothing, so asking for one is a mistake worth saying.
  if (values.param.length > 0 && !values.record) throw new UsageError('--param only applies when recording: use it with --record');
  const color = colorOf(values, io);
  // A file that is not JSON is reported below like any other finding, with its line and column.
  const { folder, local: pages } = await readLocalFolder(io, values.dir, { requirePages: true, keepInvalid: true });
  await prepareValidation();

  if (values.record) {
    const given = givenParams(values.param, pages);
    const notes = await recordResults(io, folder, pages, { maxRows, given });
    for (const note of notes) io.stderr(`${note}\n`);
    io.stderr(`recorded the queries of ${pages.length} page${pages.length === 1 ? '' : 's'} in ${path.join(path.relative(io.cwd, folder) || '.', '__data__')}\n`);
  }

  const progress = startProgress(io, 'rendering pages');
  const results: FileDiagnostics[] = [];
  for (const [i, local] of pages.entries()) {
    results.push({ file: path.relative(io.cwd, local.path), diagnostics: await testPage(folder, local) });
    progress.update(i + 1, pages.length, 'pages');
  }
  progress.end();
  io.stdout(formatRecords(results, format, { color, version }));
  return totalsOf(results).errors > 0 ? EXIT.problems : EXIT.ok;
}
