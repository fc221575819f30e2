/**
 * Decides whether a link may be rendered. Shared by the Markdown view and the
 * validator, so no React and no DOM here: plain string work that runs in Node.
 *
 * An allow-list, not a block-list: a URL with a scheme passes only when the
 * scheme is http, https or mailto; a URL without one (a relative path, a
 * `?query`, a `#anchor`, a `//host` reference) passes. Before the scheme is
 * read, the string is cleaned the way a browser's URL parser cleans it (tabs
 * and newlines anywhere and leading/trailing control characters and spaces are
 * dropped), and invisible characters are dropped too; a control character
 * left inside the URL itself refuses it. The scheme check is repeated on the
 * HTML-entity-decoded, percent-decoded and NFKC-normalised forms, so that a
 * string which any later decoding step would turn into `javascript:` is
 * refused as well. Empty and whitespace-only strings are refused.
 */

const ALLOWED_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto']);

/** Browsers remove these anywhere in a URL before parsing it (WHATWG URL: "ASCII tab or newline"). */
const TAB_OR_NEWLINE = /[\t\n\r]/g;
/** Zero-width and other format characters, which render as nothing but can split a scheme. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
/** C0 controls, space and DEL, plus Unicode spaces, at either end. */
const EDGE_SPACE = /^[\u0000-\u0020\u007F-\u009F\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+|[\u0000-\u0020\u007F-\u009F\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+$/g;
/** Control characters left inside a URL after cleaning: never legitimate. */
const INNER_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** A scheme per RFC 3986: a letter, then letters, digits, `+`, `-`, `.`, then a colon. */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  lpar: '(',
  rpar: ')',
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00A0',
  num: '#',
  quest: '?',
  period: '.',
  comma: ',',
  semi: ';',
  equals: '=',
  percnt: '%',
};

function fromCodePoint(code: number): string {
  if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) return '\uFFFD';
  return String.fromCodePoint(code);
}

/** Decodes numeric character references (with or without the `;`) and the named ones that matter for schemes. */
function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => fromCodePoint(parseInt(dec, 10)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? whole);
}

/**
 * Decodes ASCII percent escapes only: a scheme is ASCII, and leaving `%80`..`%FF`
 * alone keeps the UTF-8 of legitimate URLs (`%E2%82%AC`) from looking like controls.
 * Byte by byte, so that one malformed escape does not stop the others.
 */
function decodePercent(value: string): string {
  return value.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Whether one form of the URL is safe. `seenByBrowser` marks the form a
 * browser would actually receive: only there do stray control characters
 * count against it; the decoded forms are checked for their scheme alone.
 */
function isSafeForm(form: string, seenByBrowser: boolean): boolean {
  const cleaned = form.replace(TAB_OR_NEWLINE, '').replace(INVISIBLE, '').replace(EDGE_SPACE, '');
  if (cleaned === '') return !seenByBrowser;
  if (seenByBrowser && INNER_CONTROL.test(cleaned)) return false;
  const match = SCHEME.exec(cleaned);
  if (!match) {
    // No scheme before the first `/`, `?` or `#` (or no colon at all): a relative reference.
    return true;
  }
  return ALLOWED_SCHEMES.has(match[1]!.toLowerCase());
}

/**
 * Whether `url` may be rendered as a link target (or an image source): http,
 * https and mailto URLs, relative paths, `?query` and `#anchor` references.
 * Refuses javascript:, data:, vbscript:, file: and every other scheme,
 * however it is disguised (case, leading whitespace or controls, tabs and
 * newlines inside the scheme, zero-width characters, HTML entities, percent
 * escapes, full-width letters), and refuses empty or non-string input.
 */
export function isSafeUrl(url: string): boolean {
  if (typeof url !== 'string') return false;
  if (url.length > 8192) return false;
  if (!isSafeForm(url, true)) return false;
  const forms = new Set<string>([url]);
  const entityDecoded = decodeEntities(url);
  forms.add(entityDecoded);
  // Twice: `&amp;#106;` and `%2526` style double encodings.
  forms.add(decodeEntities(entityDecoded));
  for (const form of [...forms]) {
    const once = decodePercent(form);
    forms.add(once);
    forms.add(decodePercent(once));
  }
  for (const form of [...forms]) forms.add(form.normalize('NFKC'));
  for (const form of forms) {
    if (!isSafeForm(form, false)) return false;
  }
  return true;
}

/**
 * Free text (a title, a label) is not a URL, so `isSafeUrl` would refuse
 * "Ratio: 3"; this asks only whether the text is a link with a scheme that
 * runs code or smuggles content: javascript:, vbscript:, data:.
 */
export function looksLikeUnsafeUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u00ad\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u2060-\u206f\u3000\ufeff]/g, '').toLowerCase();
  return /^(javascript|vbscript|data):/.test(cleaned);
}
