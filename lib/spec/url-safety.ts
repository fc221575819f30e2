/**
 * Which links may be rendered. Browsers ignore control characters and
 * whitespace inside a scheme ("java\tscript:"), so the scheme is read after
 * removing them, case-insensitively.
 */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

export function urlScheme(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g, '');
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match ? match[1]!.toLowerCase() : undefined;
}

/** Relative links, anchors and http(s)/mailto/tel are safe; javascript:, data:, vbscript:, file: and the rest are not. */
export function isSafeUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === undefined || SAFE_SCHEMES.has(scheme);
}

/** A string that looks like a link with an unsafe scheme (for scanning free text props). */
export function looksLikeUnsafeUrl(value: string): boolean {
  const scheme = urlScheme(value);
  return scheme === 'javascript' || scheme === 'data' || scheme === 'vbscript';
}
