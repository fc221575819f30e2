/**
 * `amdahl-pages test --record`: every page's bound queries run on the platform
 * as the app runs them (SQL through the client's query, searches through the
 * app's search runners), with each param's default or the `--param` value,
 * and the results are written to `__data__/<slug>.data.json` with the params used.
 */
import { catalog } from '../../../catalog';
import { givenParamsProblem, paramsForRecording } from '../../../lib/pages-as-code/recording-params';
import { recordedSourceOf, recordingPath, recordOutcome, writeRecording, type RecordedParam, type Recording } from '../../../lib/pages-as-code/recordings';
import { searchQueryFacts } from '../../../lib/pages-as-code/search-queries';
import type { LocalPage } from '../../../lib/pages-as-code/sync-plan';
import { planPage } from '../../../lib/render/plan';
import { QueryCache, runQueries, type QueryOutcome } from '../../../lib/render/run-queries';
import { searchRunners } from '../../../lib/render/search-runners';
import { normalisePage } from '../../../lib/spec/normalise';
import type { Page } from '../../../lib/spec/page-model';
import { analysePage } from '../../../lib/spec/validate';
import { UsageError, type CliIO } from './io';
import { withPlatform } from './platform-connection';
import { startProgress } from './progress';

/**
 * `--param name=value` arguments as the view route reads `?name=value`: text,
 * split at the first `=`, each name once. Checked against every page's
 * declarations before anything runs, so a bad value records nothing.
 */
export function givenParams(args: readonly string[], pages: readonly LocalPage[]): Record<string, string> {
  const given: Record<string, string> = {};
  for (const arg of args) {
    const at = arg.indexOf('=');
    if (at <= 0) throw new UsageError(`--param takes name=value, not ${JSON.stringify(arg)}`);
    const name = arg.slice(0, at);
    if (name in given) throw new UsageError(`--param ${name} is given twice`);
    given[name] = arg.slice(at + 1);
  }
  const queries = pages.flatMap((p) => (p.value ? normalisePage(p.value).declared_queries : []));
  const problem = givenParamsProblem(given, queries);
  if (problem) throw new UsageError(problem);
  return given;
}

type RunPageQueries = (page: Page, params: Record<string, RecordedParam>) => Promise<Record<string, QueryOutcome>>;
type RecordPage = (local: LocalPage) => Promise<Recording & { failures: [string, QueryOutcome][] }>;

/** One page's recording: its queries run with its params, each outcome kept (capped), and the failures to tell. */
function pageRecorder(run: RunPageQueries, given: Record<string, string>, maxRows: number): RecordPage {
  return async (local) => {
    const analysis = analysePage(local.text, catalog);
    const page = normalisePage(local.value);
    // A query the offline checks refuse is never sent; its recording says why.
    const refused = new Set([...analysis.sqlQueries, ...searchQueryFacts(local.value, analysis)].filter((q) => q.refused).map((q) => q.name));
    const params = paramsForRecording(page, given);
    const outcomes = await run({ ...page, declared_queries: page.declared_queries.filter((q) => !refused.has(q.name)) }, params);
    const recording: Recording = { page: local.file, recorded_at: new Date().toISOString(), ...(Object.keys(params).length ? { params } : {}), queries: {} };
    const failures: [string, QueryOutcome][] = [];
    for (const [name, outcome] of Object.entries(outcomes).sort(([a], [b]) => a.localeCompare(b))) {
      const ran = recordedSourceOf(page.declared_queries.find((q) => q.name === name));
      if (refused.has(name)) recording.queries[name] = { ...ran, error: { code: 'invalid_query', message: `"${name}" has errors; run amdahl-pages validate` } };
      else recording.queries[name] = recordOutcome(ran, outcome, maxRows);
      if (!outcome.ok && !refused.has(name)) failures.push([name, outcome]);
    }
    return { ...recording, failures };
  };
}

/** Records every page; answers the notes to print (queries that failed on the platform, recorded as failures). */
export async function recordResults(io: CliIO, folder: string, pages: LocalPage[], options: { maxRows: number; given: Record<string, string> }): Promise<string[]> {
  const notes: string[] = [];
  await withPlatform(io, async ({ client }) => {
    const cache = new QueryCache(60 * 60_000, 10_000);
    const sources = searchRunners(client);
    const recordPage = pageRecorder(
      (page, params) => runQueries(planPage(page, catalog, params), { runSql: (sql, signal) => client.query(sql, { signal }), sources, params, cache }),
      options.given,
      options.maxRows,
    );
    const progress = startProgress(io, 'recording query results');
    let done = 0;
    await Promise.all(
      pages.map(async (local) => {
        if (!local.value) return;
        const { failures, ...recording } = await recordPage(local);
        for (const [name, outcome] of failures) if (!outcome.ok) notes.push(`${local.file}: "${name}" failed on the platform (${outcome.error.code}: ${outcome.error.message}); recorded as a failure`);
        await writeRecording(recordingPath(folder, local.file), recording);
        progress.update(++done, pages.length, 'pages');
      }),
    );
    progress.end();
  });
  return notes;
}
