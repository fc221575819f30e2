/** `amdahl-pages validate <files...>`: every problem in every file, in the chosen format. */
import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliIO } from '../io';
import { expandInputs, readInput } from '../read-inputs';
import { validateTexts } from '../validate-files';
import { FORMATS, formatGithub, formatJson, formatPretty, formatSarif, totalsOf, type FileDiagnostics, type OutputFormat } from '../report/format-records';

export const VALIDATE_HELP = `Usage: amdahl-pages validate [options] <file|dir|glob|->...

Checks page files ({name, tags, declared_queries, spec}, or a bare spec) and
prints every problem as  file:line:col severity code message.

Options:
  --format <pretty|json|github|sarif>  output format (default: pretty)
  --max-warnings <n>                   fail when there are more than n warnings
  --allow-custom                       allow Custom components (you hold pages:admin)
  --tables <a,b>                       tables queries may read (default: interactions)
  --quiet                              report errors only
  --color / --no-color                 force colour on or off (default: on a terminal)

Exit codes: 0 clean, 1 errors (or too many warnings), 2 usage or read error.
`;

export async function validateCommand(argv: string[], io: CliIO, version: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'pretty' },
      'max-warnings': { type: 'string' },
      'allow-custom': { type: 'boolean', default: false },
      tables: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(VALIDATE_HELP);
    return EXIT.ok;
  }
  const format = values.format as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError('--max-warnings takes a whole number');
  }
  if (positionals.length === 0) throw new UsageError('name at least one file, directory, glob or - for stdin');
  const allowedTables = values.tables?.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  const color = values['no-color'] ? false : values.color ?? io.color;

  const files = await expandInputs(positionals, io);
  const inputs = [];
  for (const file of files) inputs.push(await readInput(file, io));
  const verdicts = await validateTexts(inputs, { allowCustom: values['allow-custom'], allowedTables });
  const results: FileDiagnostics[] = inputs.map((input, i) => ({
    file: input.name,
    diagnostics: values.quiet ? verdicts[i]!.filter((d) => d.severity === 'error') : verdicts[i]!,
  }));

  if (format === 'json') io.stdout(formatJson(results));
  else if (format === 'github') io.stdout(formatGithub(results));
  else if (format === 'sarif') io.stdout(formatSarif(results, version));
  else io.stdout(formatPretty(results, color));

  const totals = totalsOf(results);
  if (totals.errors > 0) return EXIT.problems;
  if (maxWarnings !== undefined && totals.warnings > maxWarnings) {
    io.stderr(`${totals.warnings} warnings is more than --max-warnings ${maxWarnings}\n`);
    return EXIT.problems;
  }
  return EXIT.ok;
}
