/** `amdahl-pages test`: every page in the folder rendered over recorded query results, as the app renders it. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { catalog } from '../../../../catalog';
import { readRecording, recordingPath, recordOutcome, writeRecording, type Recording } from '../../../../lib/pages-as-code/recordings';
import { replayRecording } from '../../../../lib/pages-as-code/snapshot-check';
import { readPageFolder, type LocalPage } from '../../../../lib/pages-as-code/sync-plan';
import { planPage } from '../../../../lib/render/plan';
import { QueryCache, runQueries } from '../../../../lib/render/run-queries';
import type { Diagnostic } from '../../../../lib/spec/diagnostics';
import { readDocument } from '../../../../lib/spec/document';
import { normalisePage } from '../../../../lib/spec/normalise';
import type { Page, ParamDeclaration } from '../../../../lib/spec/page-model';
import { withPositions, type Finding } from '../../../../lib/spec/positions';
import { analysePage } from '../../../../lib/spec/validate';
import { EXIT, UsageError, type CliIO } from '../io';
import { FOLDER_OPTIONS, folderOf } from '../pages-folder';
import { withPlatform } from '../platform-connection';
import { startProgress } from '../progress';
import { FORMATS, formatRecords, totalsOf, type FileDiagnostics, type OutputFormat } from '../report/format-records';
import { prepareValidation } from '../validate-files';

export const TEST_HELP = `Usage: amdahl-pages test [--dir pages] [--record] [--max-rows 200] [--format pretty|json|github|sarif]

Renders every <slug>.page.json in the folder on the server, through the same
renderer as the app, over the query results recorded in __data__/<slug>.data.json,
and fails when a page no longer renders, a node shows an error card, a
binding finds nothing, or a column the recording has is no longer returned
by the query's SQL.

  --record        first run every page's queries on the platform (AMDAHL_URL +
                  API_KEY, else the embedded local platform) and record the results
  --max-rows <n>  rows kept per recorded query (default 200)

Exit codes: 0 every page renders, 1 findings, 2 usage, read or platform error.
`;

function paramsForRecording(page: Page): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const q of page.declared_queries) {
    for (const [name, decl] of Object.entries(q.params ?? {}) as [string, ParamDeclaration][]) {
      if (Array.isArray(decl)) values[name] ??= decl[0];
      else if (typeof decl === 'object' && decl !== null) {
        const d = decl as { default?: unknown; values?: readonly unknown[] };
        if (d.default === undefined && d.values?.length) values[name] ??= d.values[0];
      }
    }
  }
  return values;
}

async function record(io: CliIO, folder: string, pages: LocalPage[], maxRows: number): Promise<string[]> {
  const notes: string[] = [];
  await withPlatform(io, async (connection) => {
    const cache = new QueryCache(60 * 60_000, 10_000);
    const progress = startProgress(io, 'recording query results');
    let done = 0;
    await Promise.all(
      pages.map(async (local) => {
        if (!local.value) return;
        const analysis = analysePage(local.text, catalog);
        const refused = new Set(analysis.sqlQueries.filter((q) => q.refused).map((q) => q.name));
        const page = normalisePage(local.value);
        const runnable = { ...page, declared_queries: page.declared_queries.filter((q) => !refused.has(q.name)) };
        const outcomes = await runQueries(planPage(runnable, catalog), {
          runSql: (sql, signal) => connection.client.query(sql, { signal }),
          params: paramsForRecording(page),
          cache,
        });
        const recording: Recording = { page: local.file, recorded_at: new Date().toISOString(), queries: {} };
        for (const [name, outcome] of Object.entries(outcomes).sort(([a], [b]) => a.localeCompare(b))) {
          const sql = page.declared_queries.find((q) => q.name === name)?.sql;
          if (refused.has(name)) recording.queries[name] = { ...(sql !== undefined ? { sql } : {}), error: { code: 'invalid_query', message: `"${name}" has errors; run amdahl-pages validate` } };
          else recording.queries[name] = recordOutcome(sql, outcome, maxRows);
          if (!outcome.ok && !refused.has(name)) notes.push(`${local.file}: "${name}" failed on the platform (${outcome.error.code}: ${outcome.error.message}); recorded as a failure`);
        }
        await writeRecording(recordingPath(folder, local.file), recording);
        progress.update(++done, pages.length, 'pages');
      }),
    );
    progress.end();
  });
  return notes;
}

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
      'max-rows': { type: 'string', default: '200' },
      format: { type: 'string', default: 'pretty' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(TEST_HELP);
    return EXIT.ok;
  }
  const format = values.format as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const maxRows = Number(values['max-rows']);
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new UsageError('--max-rows takes a whole number from 1');
  const color = values['no-color'] ? false : values.color ?? io.color;
  const folder = folderOf(io, values.dir);
  const pages = await readPageFolder(folder).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${values.dir}: ${error.message}`);
  });
  if (pages.length === 0) throw new UsageError(`no *.page.json in ${values.dir}: run amdahl-pages pull first`);
  await prepareValidation();

  if (values.record) {
    const notes = await record(io, folder, pages, maxRows);
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
