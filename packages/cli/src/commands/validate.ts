/** `amdahl-pages validate <files...>`: every problem in every file, in the chosen format; `--online` also against the platform. */
import { parseArgs } from 'node:util';
import { EXIT, OUTPUT_OPTIONS, RunError, UsageError, colorOf, formatOf, type CliIO } from '../io';
import { expandInputs, readInput } from '../read-inputs';
import { startProgress } from '../progress';
import { analyseTexts } from '../validate-files';
import { FORMATS, formatRecords, totalsOf, type FileDiagnostics, type OutputFormat } from '../report/format-records';

export const VALIDATE_HELP = `Usage: amdahl-pages validate [options] <file|dir|glob|->...

Checks page files ({name, tags, declared_queries, spec}, or a bare spec) and
prints every problem as  file:line:col severity code message.

Options:
  --online                             also run each distinct SQL query once with zero rows, and
                                       each cluster_search / kb_search once with a few matches, on
                                       the platform (AMDAHL_URL + API_KEY, else the embedded local
                                       platform) and check props against the real columns and types;
                                       a target the search endpoint does not cover (unknown-target)
                                       and a platform without POST /search/kb (search-unavailable)
                                       are reported on the query, like a query that fails
  --format <pretty|json|github|sarif>  output format (default: pretty)
  --max-warnings <n>                   fail when there are more than n warnings
  --allow-custom                       allow Custom components (you hold pages:admin)
  --tables <a,b>                       tables queries may read (default: interactions)
  --quiet                              report errors only
  --color / --no-color                 force colour on or off (default: on a terminal)

Exit codes: 0 clean, 1 errors (or too many warnings), 2 usage, read or platform error.
`;

export async function validateCommand(argv: string[], io: CliIO, version: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      online: { type: 'boolean', default: false },
      format: { type: 'string', default: 'pretty' },
      'max-warnings': { type: 'string' },
      'allow-custom': { type: 'boolean', default: false },
      tables: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      ...OUTPUT_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout(VALIDATE_HELP);
    return EXIT.ok;
  }
  const format = formatOf<OutputFormat>(values.format, FORMATS);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError('--max-warnings takes a whole number');
  }
  if (positionals.length === 0) throw new UsageError('name at least one file, directory, glob or - for stdin');
  const allowedTables = values.tables?.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  const color = colorOf(values, io);

  const files = await expandInputs(positionals, io);
  const inputs = [];
  for (const file of files) inputs.push(await readInput(file, io));
  const progress = startProgress(io, 'validating');
  const analyses = await analyseTexts(inputs, { allowCustom: values['allow-custom'], allowedTables }, (done, total) => progress.update(done, total, 'files'));
  progress.end();
  let verdicts = analyses.map((a) => a.diagnostics);
  if (values.online) {
    const { connectPlatform } = await import('../platform-connection');
    const { runOnlineChecks } = await import('../online-checks');
    const connection = await connectPlatform(io);
    try {
      const run = await runOnlineChecks(
        inputs.map((i) => i.text),
        analyses,
        connection.client,
        io,
      );
      verdicts = run.diagnostics;
      if (format === 'pretty') io.stderr(`online: ${run.distinct} distinct quer${run.distinct === 1 ? 'y' : 'ies'}, ${run.calls} platform call${run.calls === 1 ? '' : 's'} (${connection.where})\n`);
    } catch (error) {
      const { PlatformUnavailableError } = await import('../../../../lib/pages-as-code/probe-queries');
      if (error instanceof PlatformUnavailableError) throw new RunError(`cannot check online against ${connection.where}: ${error.message}`);
      throw error;
    } finally {
      await connection.close();
    }
  }
  const results: FileDiagnostics[] = inputs.map((input, i) => ({
    file: input.name,
    diagnostics: values.quiet ? verdicts[i]!.filter((d) => d.severity === 'error') : verdicts[i]!,
  }));
  io.stdout(formatRecords(results, format, { color, version }));

  const totals = totalsOf(results);
  if (totals.errors > 0) return EXIT.problems;
  if (maxWarnings !== undefined && totals.warnings > maxWarnings) {
    io.stderr(`${totals.warnings} warnings is more than --max-warnings ${maxWarnings}\n`);
    return EXIT.problems;
  }
  return EXIT.ok;
}
