/** The Share → Embed form's own checks, and the themed snippet against the server's real snippet. */
import { describe, expect, it } from 'vitest';
import { buildEmbedBody, checkOrigin, INITIAL_FORM, paramFieldsOf, themedSnippet, themedUrl, ttlSeconds, type EmbedForm } from '../../components/share/embed-request';
import { embedSnippet } from '../../lib/embed/mint-app-token';

const form = (patch: Partial<EmbedForm>): EmbedForm => ({ ...INITIAL_FORM, ...patch });

describe('checkOrigin', () => {
  it('takes an origin, normalised, and refuses anything else with the reason', () => {
    expect(checkOrigin(' https://Wiki.Example.com/ ')).toEqual({ origin: 'https://wiki.example.com' });
    expect(checkOrigin('http://127.0.0.1:4000')).toEqual({ origin: 'http://127.0.0.1:4000' });
    expect(checkOrigin('example.com')).toEqual({ error: expect.stringContaining('Start with https://') });
    expect(checkOrigin('https://example.com/wiki')).toEqual({ error: expect.stringContaining('no path') });
    expect(checkOrigin('javascript:alert(1)')).toEqual({ error: expect.stringContaining('Start with https://') });
    expect(checkOrigin('')).toEqual({ error: expect.stringContaining('Enter an origin') });
  });
});

describe('ttlSeconds', () => {
  it('reads presets and bounds a custom lifetime to 1 minute..30 days', () => {
    expect(ttlSeconds(form({ lifetime: '7d' }))).toEqual({ seconds: 604_800 });
    expect(ttlSeconds(form({ lifetime: 'custom', customAmount: '90', customUnit: 'minutes' }))).toEqual({ seconds: 5400 });
    expect(ttlSeconds(form({ lifetime: 'custom', customAmount: '31', customUnit: 'days' }))).toEqual({ error: 'At most 30 days' });
    expect(ttlSeconds(form({ lifetime: 'custom', customAmount: '0.5', customUnit: 'minutes' }))).toEqual({ error: 'At least 1 minute' });
    expect(ttlSeconds(form({ lifetime: 'custom', customAmount: 'soon', customUnit: 'hours' }))).toEqual({ error: 'Enter a positive number' });
  });
});

describe('paramFieldsOf', () => {
  it('merges every declaration of a param: type, default, and the values all lists share', () => {
    const fields = paramFieldsOf([
      { name: 'a', sql: 'SELECT 1 WHERE @region = @region AND @since IS NOT NULL', params: { region: ['eu', 'us', 'apac'], since: { type: 'date', default: '2026-01-01', description: 'Start' } } },
      { name: 'b', sql: 'SELECT @region', params: { region: { type: 'string', values: ['us', 'eu'] } } },
      { name: 'c', sql: 'SELECT 1' },
    ]);
    expect(fields).toEqual([
      { name: 'region', type: 'string', values: ['eu', 'us'], fallback: undefined, description: undefined, queries: ['a', 'b'] },
      { name: 'since', type: 'date', values: undefined, fallback: '2026-01-01', description: 'Start', queries: ['a'] },
    ]);
    expect(paramFieldsOf(undefined)).toEqual([]);
  });
});

describe('buildEmbedBody', () => {
  const fields = paramFieldsOf([{ name: 'q', sql: 'SELECT @n, @region', params: { n: 'integer', region: ['eu', 'us'] } }]);

  it('builds the body the API takes', () => {
    const built = buildEmbedBody(
      form({ audience: 'workspace', lifetime: '1h', origins: ['https://Example.com/'], params: { n: '3', region: '' }, sliceColumn: 'channel', sliceValues: 'email, chat, email', pinVersion: true }),
      fields,
      4,
    );
    expect(built).toEqual({
      body: { audience: 'workspace', ttl_seconds: 3600, origins: ['https://example.com'], params: { n: '3' }, rules: { channel: ['email', 'chat'] }, page_version: 4 },
    });
  });

  it('reports every problem at once, each under its field', () => {
    const built = buildEmbedBody(
      form({ lifetime: 'custom', customAmount: '', origins: ['https://ok.example', 'ftp://x', 'https://ok.example/'], params: { n: '2.5', region: 'mars' }, sliceColumn: 'topic', sliceValues: ' , ' }),
      fields,
      'draft',
    );
    expect('errors' in built && Object.keys(built.errors).sort()).toEqual(['origins.1', 'origins.2', 'params.n', 'params.region', 'slice', 'ttl']);
    expect('errors' in built && built.errors['origins.2']).toBe('https://ok.example is already in the list');
  });
});

describe('themedSnippet', () => {
  it('puts the theme into the src of the snippet the server writes', () => {
    const url = 'http://127.0.0.1:3000/embed/p1?token=a.b.c';
    const server = embedSnippet(url, 'http://127.0.0.1:3000');
    const dark = themedSnippet(server, url, 'dark');
    expect(dark.themed).toBe(true);
    expect(dark.snippet).toContain('src="http://127.0.0.1:3000/embed/p1?token=a.b.c&amp;theme=dark"');
    expect(dark.snippet).toContain('/embed.js');
    expect(themedSnippet(server, url, 'auto')).toEqual({ snippet: server, themed: true });
    expect(themedSnippet('<iframe src="elsewhere">', url, 'light')).toEqual({ snippet: '<iframe src="elsewhere">', themed: false });
    expect(themedUrl(url, 'light')).toBe(`${url}&theme=light`);
  });
});
