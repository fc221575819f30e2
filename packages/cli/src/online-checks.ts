/**
 * `validate --online`: every declared SQL query of every file runs once with
 * zero rows, and every declared search once with a few matches (distinct ones
 * only, in parallel within the client's budget), and the props are checked
 * against the columns and types they really return.
 */
import { createQueryProber } from '../../../lib/pages-as-code/probe-queries';
import { createSearchProber, searchKey } from '../../../lib/pages-as-code/probe-searches';
import { searchQueryFactsOfText } from '../../../lib/pages-as-code/search-queries';
import type { PlatformClient } from '../../../lib/platform';
import type { Diagnostic } from '../../../lib/spec/diagnostics';
import { withOnlineChecks, type ProbeOutcome } from '../../../lib/spec/online-check';
import type { PageAnalysis } from '../../../lib/spec/validate';
import type { CliIO } from './io';
import { startProgress } from './progress';

export interface OnlineRun {
  diagnostics: Diagnostic[][];
  /** Requests sent to the platform. */
  calls: number;
  /** Distinct SQL statements and searches probed. */
  distinct: number;
}

/** One probe of a file: its query's name, what identifies the run, and how to run it. */
interface Probe {
  name: string;
  key: string;
  run(): Promise<ProbeOutcome>;
}

export async function runOnlineChecks(texts: readonly string[], analyses: readonly PageAnalysis[], client: PlatformClient, io: CliIO): Promise<OnlineRun> {
  const prober = createQueryProber(client);
  const searchProber = createSearchProber(client);
  const searches = analyses.map((analysis, i) => searchQueryFactsOfText(texts[i] ?? '', analysis));
  const perFile: Probe[][] = analyses.map((analysis, i) => [
    ...analysis.sqlQueries.filter((q) => !q.refused).map((q) => ({ name: q.name, key: JSON.stringify(['sql', q.sql, q.params ?? null]), run: () => prober.probe(q) })),
    ...searches[i]!.filter((q) => !q.refused).map((q) => ({ name: q.name, key: searchKey(q), run: () => searchProber.probe(q) })),
  ]);
  const distinct = new Set(perFile.flat().map((p) => p.key));
  const progress = startProgress(io, 'checking queries online');
  let done = 0;
  const seen = new Set<string>();
  try {
    const outcomes = await Promise.all(
      perFile.map(async (probes) => {
        const answers = await Promise.all(
          probes.map(async (p) => {
            const outcome = await p.run();
            if (!seen.has(p.key)) {
              seen.add(p.key);
              progress.update(++done, distinct.size, 'queries');
            }
            return [p.name, outcome] as const;
          }),
        );
        return new Map<string, ProbeOutcome>(answers);
      }),
    );
    return {
      diagnostics: analyses.map((analysis, i) => withOnlineChecks(analysis, outcomes[i]!, texts[i], searches[i])),
      calls: prober.calls + searchProber.calls,
      distinct: distinct.size,
    };
  } finally {
    progress.end();
  }
}
