/** `amdahl-pages fmt [--check] [--write] <files...>`: the canonical, stably formatted form. */
import { rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatDocument } from '../../../../lib/spec/normalise';
import { catalog } from '../../../../catalog';
import { validatePage } from '../../../../lib/spec/validate';
import { EXIT, UsageError, type CliIO } from '../io';
import { expandInputs, readInput } from '../read-inputs';
import { prepareValidation } from '../validate-files';

export const FMT_HELP = `Usage: amdahl-pages fmt [--check | --write] <file|dir|glob|->...

Rewrites pages into the canonical form: {version, layout, root} specs, props
under "props", queries with an explicit source, stable key order, 2 spaces.

A page file keeps its "$schema" (first), id and version. A file with errors
(text that is not JSON included, named with line:col) is not formatted.

  (default)  print the formatted text of one file to stdout
  --check    list files that would change; exit 1 if any would
  --write    rewrite files in place (atomically)

Exit codes: 0 formatted (or nothing to change), 1 a file would change (--check) or has
errors, 2 usage or read error (a folder with no JSON below it: get pages with amdahl-pages pull).
`;

export async function fmtCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { check: { type: 'boolean', default: false }, write: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(FMT_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('name at least one file, directory, glob or - for stdin');
  if (values.check && values.write) throw new UsageError('--check and --write exclude each other');
  const files = await expandInputs(positionals, io);
  if (!values.check && !values.write && files.length !== 1) throw new UsageError('without --check or --write, fmt prints one file; name exactly one');

  await prepareValidation();
  let changed = 0;
  let invalid = 0;
  for (const file of files) {
    const input = await readInput(file, io);
    // Formatting a page with errors could drop what the author meant (an unknown field, a misspelt layout);
    // text that is not JSON is one of those errors (invalid-json, with its position).
    const errors = validatePage(input.text, catalog, { allowCustom: true }).filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0]!;
      io.stderr(`${input.name}:${first.line}:${first.column} error ${first.code} ${first.message}; not formatted (${errors.length} error${errors.length === 1 ? '' : 's'}: run validate)\n`);
      invalid++;
      continue;
    }
    const formatted = formatDocument(JSON.parse(input.text));
    if (!values.check && !values.write) {
      io.stdout(formatted);
      continue;
    }
    if (formatted === input.text) continue;
    changed++;
    if (values.check) io.stdout(`${input.name}: would be reformatted\n`);
    else if (input.path) {
      const temp = `${input.path}.${process.pid}.tmp`;
      await writeFile(temp, formatted, 'utf8');
      await rename(temp, input.path);
      io.stdout(`${input.name}: formatted\n`);
    } else io.stdout(formatted);
  }
  if (values.check) io.stdout(`${changed} of ${files.length} file${files.length === 1 ? '' : 's'} would be reformatted\n`);
  return invalid > 0 || (values.check && changed > 0) ? EXIT.problems : EXIT.ok;
}
