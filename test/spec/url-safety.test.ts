import { describe, expect, it } from 'vitest';
import { isSafeUrl } from '../../lib/spec/url-safety';

describe('isSafeUrl: allowed', () => {
  it.each([
    'https://example.com',
    'http://example.com/path?q=1#frag',
    'HTTPS://EXAMPLE.COM',
    'mailto:ops@example.com',
    'mailto:?subject=Weekly%20report&body=line%0Aline',
    '/pages/abc',
    './relative',
    '../up/one',
    'docs/readme.md',
    '#section-2',
    '?tab=overview',
    '//cdn.example.com/x.png',
    'https://example.com/a:b',
    'https://example.com/%E2%82%AC',
    'https://example.com/?next=javascript:alert(1)',
    '/path/with:colon',
    '  https://example.com  ',
    'https://example.com/caf\u00e9',
  ])('%j', (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });
});

describe('isSafeUrl: refused', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    '\u0000javascript:alert(1)',
    '\u0001\u0002javascript:alert(1)',
    '\u00a0javascript:alert(1)',
    '\ufeffjavascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\rscript:alert(1)',
    'jav\u200bascript:alert(1)',
    'javascript\t:alert(1)',
    '\t\n javascript:alert(1)',
    'javascript&colon;alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    '&#0000106avascript:alert(1)',
    'jav&#x09;ascript:alert(1)',
    'jav&Tab;ascript:alert(1)',
    '&amp;#106;avascript:alert(1)',
    'javascript%3Aalert(1)',
    '%6Aavascript:alert(1)',
    '\uff4aavascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:text/html,<script>alert(1)</script>',
    'data:image/png;base64,iVBORw0KGgo=',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'file:///etc/passwd',
    'FILE://c:/windows',
    'ftp://example.com',
    'about:blank',
    'chrome://settings',
    'tel:+15551234',
    'http\u0000://example.com',
    'https://exa\u0000mple.com',
    '',
    '   ',
    '\u0000',
  ])('%j', (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isSafeUrl(undefined as unknown as string)).toBe(false);
    expect(isSafeUrl(42 as unknown as string)).toBe(false);
    expect(isSafeUrl(null as unknown as string)).toBe(false);
  });

  it('refuses absurdly long input instead of scanning it', () => {
    expect(isSafeUrl('https://example.com/' + 'a'.repeat(10_000))).toBe(false);
  });
});
