// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from './definition';
import { MarkdownView } from './view';

afterEach(cleanup);
const md = (body: string, extra: Record<string, unknown> = {}) => definition.props.parse({ body, ...extra });

describe('MarkdownView', () => {
  it('renders headings, emphasis, lists and GFM tables', () => {
    const { container } = render(
      <MarkdownView
        props={md('## Method\n\nCounts are **all** interactions.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\n~~old~~')}
        layout="dashboard"
      />,
    );
    expect(screen.getByRole('heading', { level: 2, name: 'Method' })).toBeTruthy();
    expect(screen.getByText('all').tagName).toBe('STRONG');
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(container.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(container.querySelector('del')?.textContent).toBe('old');
  });

  it('gives safe links rel="noopener noreferrer" and opens external ones in a new tab', () => {
    render(<MarkdownView props={md('[glossary](https://example.com/g) and [top](#top) and [mail](mailto:a@example.com)')} layout="dashboard" />);
    const ext = screen.getByRole('link', { name: 'glossary' });
    expect(ext.getAttribute('href')).toBe('https://example.com/g');
    expect(ext.getAttribute('rel')).toBe('noopener noreferrer');
    expect(ext.getAttribute('target')).toBe('_blank');
    const anchor = screen.getByRole('link', { name: 'top' });
    expect(anchor.getAttribute('href')).toBe('#top');
    expect(anchor.getAttribute('rel')).toBe('noopener noreferrer');
    expect(anchor.getAttribute('target')).toBeNull();
    expect(screen.getByRole('link', { name: 'mail' }).getAttribute('href')).toBe('mailto:a@example.com');
  });

  it('keeps links in the same tab when asked', () => {
    render(<MarkdownView props={md('[x](https://example.com)', { openLinksInNewTab: false })} layout="dashboard" />);
    expect(screen.getByRole('link', { name: 'x' }).getAttribute('target')).toBeNull();
  });

  it.each([
    ['javascript', '[click](javascript:alert(1))'],
    ['mixed case', '[click](JaVaScRiPt:alert(1))'],
    ['entity', '[click](&#106;avascript:alert(1))'],
    ['colon entity', '[click](javascript&colon;alert(1))'],
    ['data', '[click](data:text/html;base64,PHNjcmlwdD4=)'],
    ['vbscript', '[click](vbscript:msgbox(1))'],
    ['autolink', '<javascript:alert(1)>'],
    ['reference', '[click][x]\n\n[x]: javascript:alert(1)'],
  ])('never renders a %s URL as a link', (_kind, body) => {
    const { container } = render(<MarkdownView props={md(body)} layout="dashboard" />);
    expect(container.querySelector('a')).toBeNull();
    for (const el of container.querySelectorAll('*')) {
      for (const attr of el.attributes) expect(attr.value.toLowerCase()).not.toMatch(/javascript|data:|vbscript|&#/);
    }
    expect(container.textContent).toMatch(/click|javascript/);
  });

  it('does not render raw HTML', () => {
    const { container } = render(
      <MarkdownView props={md('before <script>alert(1)</script> <b onclick="x()">bold</b> <img src=x onerror=alert(1)>\n\n<div>block</div>')} layout="dashboard" />,
    );
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onclick]')).toBeNull();
    expect(container.textContent).toContain('before');
  });

  it('drops images with unsafe sources but keeps their alt text', () => {
    const { container } = render(<MarkdownView props={md('![chart](javascript:alert(1)) ![logo](https://example.com/logo.png)')} layout="dashboard" />);
    const imgs = container.querySelectorAll('img');
    expect(imgs).toHaveLength(1);
    expect(imgs[0]!.getAttribute('src')).toBe('https://example.com/logo.png');
    expect(imgs[0]!.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(container.textContent).toContain('chart');
  });

  it('renders GFM task lists as disabled checkboxes', () => {
    const { container } = render(<MarkdownView props={md('- [x] done\n- [ ] todo')} layout="document" />);
    const boxes = container.querySelectorAll('input[type="checkbox"]');
    expect(boxes).toHaveLength(2);
    expect((boxes[0] as HTMLInputElement).checked).toBe(true);
    expect((boxes[0] as HTMLInputElement).disabled).toBe(true);
    expect((boxes[1] as HTMLInputElement).checked).toBe(false);
    // A form control needs a name: each says its state.
    expect(screen.getByRole('checkbox', { name: 'Done' })).toBe(boxes[0]);
    expect(screen.getByRole('checkbox', { name: 'Not done' })).toBe(boxes[1]);
    expect((container.firstElementChild as HTMLElement).getAttribute('data-layout')).toBe('document');
  });

  it('renders an empty body as nothing', () => {
    const { container } = render(<MarkdownView props={md('')} layout="dashboard" />);
    expect(container.textContent).toBe('');
  });

  it('marks body as Markdown and takes no binding', () => {
    expect(definition.markdownProps).toEqual(['body']);
    expect(definition.bindings).toEqual({});
    expect(definition.props.safeParse({ body: { $value: { query: 'q', field: 'f' } } }).success).toBe(false);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
