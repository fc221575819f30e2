/**
 * Findings (pointers into the author's document) become Diagnostics with
 * line and column, found by parsing with positions, never by searching the
 * text. Used by the validator and by every later check (online, snapshot
 * tests) that reports against the same file.
 */
import type { Diagnostic } from './diagnostics';
import { LineIndex, nodeAtPointer, parseJsonText, rawOffsetInString } from './json-text';
import type { Finding } from './checks/context';

export type { Finding } from './checks/context';

export function withPositions(findings: Finding[], text: string | undefined): Diagnostic[] {
  const lines = text === undefined || findings.length === 0 ? undefined : new LineIndex(text);
  const tree = lines ? parseJsonText(text!).tree : undefined;
  // Without a tree (a pathologically deep document) findings still carry their pointers, placed at the start.
  const out = findings.map((f): Diagnostic & { offset: number } => {
    const d: Diagnostic & { offset: number } = { code: f.code, severity: f.severity, message: f.message, pointer: f.pointer, offset: 0 };
    if (f.hint) d.hint = f.hint;
    if (f.suggestion !== undefined) d.suggestion = f.suggestion;
    if (lines && text !== undefined) {
      const node = nodeAtPointer(tree, f.pointer, f.key);
      if (!node) Object.assign(d, lines.range(0, 1));
      else {
        let offset = node.offset;
        let length = node.type === 'object' || node.type === 'array' ? 1 : node.length;
        if (f.at && node.type === 'string') {
          offset = rawOffsetInString(text, node, f.at.offset);
          length = Math.max(1, rawOffsetInString(text, node, f.at.offset + f.at.length) - offset);
        }
        Object.assign(d, lines.range(offset, length));
        d.offset = offset;
      }
    }
    return d;
  });
  out.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  return out.map(({ offset: _offset, ...d }) => d);
}
