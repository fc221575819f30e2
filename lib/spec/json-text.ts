/**
 * JSON text with positions (jsonc-parser): parse errors with line and column,
 * and the range of any RFC 6901 pointer, so that every diagnostic can say
 * where it is. Nothing here searches the text for a value.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export interface TextRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ParsedJson {
  text: string;
  tree: Node | undefined;
  /** Syntax errors with offsets; the value itself comes from JSON.parse, which callers run first. */
  errors: { message: string; offset: number; length: number }[];
}

const PARSE_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: 'Expected ":"',
  CommaExpected: 'Expected ","',
  CloseBraceExpected: 'Expected "}"',
  CloseBracketExpected: 'Expected "]"',
  EndOfFileExpected: 'Expected the end of the file',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Unterminated comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unterminated number',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character in a string',
};

export function parseJsonText(text: string): ParsedJson {
  const raw: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(text, raw, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  } catch (error) {
    // jsonc-parser recurses per level: thousands of levels overflow the stack. Say so rather than throw.
    if (!(error instanceof RangeError)) throw error;
    return { text, tree: undefined, errors: [{ message: 'The document is nested too deeply to read', offset: 0, length: 0 }] };
  }
  const errors = raw.map((e) => {
    const code = printParseErrorCode(e.error);
    return { message: PARSE_MESSAGES[code] ?? code, offset: e.offset, length: e.length };
  });
  return { text, tree, errors };
}

/** Converts offsets to 1-based lines and columns with one table of line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) this.starts.push(i + 1);
      else if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
  range(offset: number, length: number): TextRange {
    const start = this.position(offset);
    const end = this.position(offset + Math.max(length, 0));
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }
}

export function parsePointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/**
 * The node a pointer names. For a property, `key: true` gives the property's
 * key (where an editor should underline "unknown prop"); otherwise its value.
 * A pointer into something that does not exist resolves to its nearest parent.
 */
export function nodeAtPointer(tree: Node | undefined, pointer: string, key = false): Node | undefined {
  if (!tree) return undefined;
  const path = parsePointer(pointer);
  let node = tree;
  for (let n = 0; n < path.length; n++) {
    const next = childAt(node, path[n]!);
    if (!next) return node;
    node = next;
  }
  if (key && path.length > 0 && node.parent?.type === 'property' && node.parent.children?.[0]) return node.parent.children[0];
  return node;
}

/**
 * The value of `key` in an object node, or undefined. With a repeated key the
 * last one wins, as in JSON.parse, so a finding about the value that counts
 * points at that value.
 */
export function propertyValue(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  let found: Node | undefined;
  for (const property of object.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode && String(keyNode.value) === key) found = valueNode;
  }
  return found;
}

/** The node at exactly `path` (array indexes as numbers), or undefined when any step is missing. */
export function nodeAtPath(tree: Node | undefined, path: readonly (string | number)[]): Node | undefined {
  let node = tree;
  for (const segment of path) node = node && childAt(node, segment);
  return node;
}

/** One step down: an array's element, or an object's property (propertyValue). */
function childAt(node: Node, segment: string | number): Node | undefined {
  if (node.type === 'array') {
    return typeof segment === 'number' ? node.children?.[segment] : undefined;
  }
  return propertyValue(node, String(segment));
}

/**
 * Maps an offset inside a decoded JSON string value to the offset of the same
 * character in the raw text, stepping over escapes (`\n`, `\"`, `\u00e9`).
 */
export function rawOffsetInString(text: string, stringNode: Node, decodedOffset: number): number {
  let raw = stringNode.offset + 1;
  const end = stringNode.offset + stringNode.length - 1;
  for (let decoded = 0; decoded < decodedOffset && raw < end; decoded++) {
    if (text[raw] === '\\') raw += text[raw + 1] === 'u' ? 6 : 2;
    else raw += 1;
  }
  return raw;
}
