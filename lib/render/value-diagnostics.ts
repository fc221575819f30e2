/**
 * Values the queries returned that cannot be right where a node shows them
 * (a gauge's value past its dial, a ratio of 77.5), as diagnostics: the same
 * sentence the node shows on the page, at the prop's pointer in the author's
 * document, with line and column. Generic over the catalog: a definition
 * declares its ranges (`valueRanges`); this walks the document and asks.
 */
import type { Catalog } from '../spec/define';
import type { Diagnostic } from '../spec/diagnostics';
import { bindingQueryName, isObject, readDocument, readNode } from '../spec/document';
import { MAX_DEPTH } from '../spec/normalise';
import { withPositions, type Finding } from '../spec/positions';
import { toNumber } from '../format/format-value';
import { outOfRange } from '../format/value-range';
import { resolveProps } from './resolve';
import type { QueryOutcome } from './run-queries';

/**
 * `document` is the page as parsed from `text` (the text gives line and
 * column; without it the diagnostics carry pointers only). `outcomes` are the
 * results the preview rendered: the values are checked as the nodes saw them.
 */
export function valueDiagnostics(document: unknown, text: string | undefined, outcomes: Record<string, QueryOutcome>, catalog: Catalog): Diagnostic[] {
  const doc = readDocument(document);
  const findings: Finding[] = [];
  const visit = (value: unknown, pointer: string, depth: number) => {
    if (!isObject(value) || depth > MAX_DEPTH) return;
    const node = readNode(value, pointer);
    const def = typeof node.type === 'string' ? catalog.get(node.type) : undefined;
    if (def?.valueRanges) {
      const raw: Record<string, unknown> = {};
      for (const prop of node.props) Object.defineProperty(raw, prop.name, { value: prop.value, enumerable: true, writable: true, configurable: true });
      // A node that cannot resolve shows its error card, and the validator or the query says why.
      const resolution = resolveProps(def, raw, outcomes);
      if (resolution.ok) {
        for (const range of def.valueRanges(resolution.props)) {
          const n = toNumber(range.value);
          const message = n === undefined ? undefined : outOfRange({ ...range, value: n });
          if (!message) continue;
          const prop = node.props.find((p) => p.name === range.prop);
          const source = bindingQueryName(prop?.value);
          findings.push({
            code: 'value-out-of-range',
            severity: 'warning',
            message: `${def.type}: ${message}`,
            pointer: prop?.pointer ?? node.pointer,
            hint: source
              ? `the value comes from query "${source}": check its SQL, or the node's range and format`
              : "check the value, or the node's range and format",
          });
        }
      }
    }
    for (const child of node.children ?? []) visit(child.value, child.pointer, depth + 1);
  };
  if (doc.root !== undefined) visit(doc.root, doc.rootPointer, 0);
  return withPositions(findings, text);
}
