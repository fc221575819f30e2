/**
 * The CLI's output formats over the one diagnostics model: pretty
 * (`file:line:col severity code message`), json, GitHub annotations, SARIF 2.1.0.
 */
import pc from 'picocolors';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../../../../lib/spec/diagnostics';

export interface FileDiagnostics {
  file: string;
  diagnostics: Diagnostic[];
}

export const FORMATS = ['pretty', 'json', 'github', 'sarif'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface Totals {
  files: number;
  errors: number;
  warnings: number;
  filesWithProblems: number;
}

export function totalsOf(results: readonly FileDiagnostics[]): Totals {
  let errors = 0;
  let warnings = 0;
  let filesWithProblems = 0;
  for (const r of results) {
    const e = r.diagnostics.filter((d) => d.severity === 'error').length;
    errors += e;
    warnings += r.diagnostics.length - e;
    if (r.diagnostics.length > 0) filesWithProblems++;
  }
  return { files: results.length, errors, warnings, filesWithProblems };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(t: Totals): string {
  return `${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')} in ${plural(t.filesWithProblems, 'file')} (${plural(t.files, 'file')} checked)`;
}

export function formatPretty(results: readonly FileDiagnostics[], color: boolean): string {
  const c = color ? pc : pc.createColors(false);
  const lines: string[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const where = d.line !== undefined ? `${r.file}:${d.line}:${d.column}` : `${r.file}:${d.pointer || '/'}`;
      const sev = d.severity === 'error' ? c.red('error') : c.yellow('warning');
      lines.push(`${c.bold(where)} ${sev} ${c.dim(d.code)} ${d.message}`);
      if (d.hint) lines.push(`    ${c.dim('hint:')} ${d.hint}`);
    }
  }
  const t = totalsOf(results);
  const mark = t.errors > 0 ? c.red('✖') : t.warnings > 0 ? c.yellow('⚠') : c.green('✔');
  lines.push(`${mark} ${summaryLine(t)}`);
  return `${lines.join('\n')}\n`;
}

export function formatJson(results: readonly FileDiagnostics[]): string {
  const records = results.flatMap((r) => r.diagnostics.map((d) => ({ file: r.file, ...d })));
  return `${JSON.stringify(records, null, 2)}\n`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(results: readonly FileDiagnostics[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const props = [`file=${escapeProperty(r.file)}`];
      if (d.line !== undefined) props.push(`line=${d.line}`, `col=${d.column}`);
      if (d.endLine !== undefined) props.push(`endLine=${d.endLine}`, `endColumn=${d.endColumn}`);
      props.push(`title=${escapeProperty(d.code)}`);
      const message = d.hint ? `${d.message} (${d.hint})` : d.message;
      lines.push(`::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(message)}`);
    }
  }
  lines.push(summaryLine(totalsOf(results)));
  return `${lines.join('\n')}\n`;
}

export function formatSarif(results: readonly FileDiagnostics[], toolVersion: string): string {
  const rules = Object.entries(DIAGNOSTIC_CODES).map(([id, text]) => ({ id, shortDescription: { text } }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'amdahl-pages', version: toolVersion, rules } },
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: rules.findIndex((rule) => rule.id === d.code),
            level: d.severity === 'error' ? 'error' : 'warning',
            message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.file.split('\\').join('/') },
                  ...(d.line !== undefined
                    ? { region: { startLine: d.line, startColumn: d.column, endLine: d.endLine ?? d.line, endColumn: d.endColumn ?? d.column } }
                    : {}),
                },
                logicalLocations: [{ fullyQualifiedName: d.pointer || '/', kind: 'element' }],
              },
            ],
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** Prints results in the chosen format; the one place each command's findings go out. */
export function formatRecords(results: readonly FileDiagnostics[], format: OutputFormat, options: { color: boolean; version: string }): string {
  if (format === 'json') return formatJson(results);
  if (format === 'github') return formatGithub(results);
  if (format === 'sarif') return formatSarif(results, options.version);
  return formatPretty(results, options.color);
}
