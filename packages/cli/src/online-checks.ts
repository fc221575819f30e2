/**
 * `validate --online`: every declared SQL query of every file runs once with
 * zero rows (distinct SQL only, in parallel within the client's budget), and
 * the props are checked against the columns and types it really returns.
 */
import { createQueryProber } from '../../../lib/pages-as-code/probe-queries';
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
  /** Distinct SQL statements probed. */
  distinct: number;
}

export async function runOnlineChecks(texts: readonly string[], analyses: readonly PageAnalysis[], client: PlatformClient, io: CliIO): Promise<OnlineRun> {
  const prober = createQueryProber(client);
  const progress = startProgress(io, 'checking queries online');
  const distinct = new Set<string>();
  const perFile = analyses.map((analysis) => analysis.sqlQueries.filter((q) => !q.refused));
  for (const queries of perFile) for (const q of queries) distinct.add(JSON.stringify([q.sql, q.params ?? null]));
  let done = 0;
  const seen = new Set<string>();
  try {
    const outcomes = await Promise.all(
      perFile.map(async (queries) => {
        const answers = await Promise.all(
          queries.map(async (q) => {
            const outcome = await prober.probe(q);
            const key = JSON.stringify([q.sql, q.params ?? null]);
            if (!seen.has(key)) {
              seen.add(key);
              progress.update(++done, distinct.size, 'queries');
            }
            return [q.name, outcome] as const;
          }),
        );
        return new Map<string, ProbeOutcome>(answers);
      }),
    );
    return {
      diagnostics: analyses.map((analysis, i) => withOnlineChecks(analysis, outcomes[i]!, texts[i])),
      calls: prober.calls,
      distinct: distinct.size,
    };
  } finally {
    progress.end();
  }
}
