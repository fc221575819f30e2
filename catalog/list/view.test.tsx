// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import type { ResolvedPropsOf } from '../view-types';
import { definition } from './definition';
import { ListView } from './view';

afterEach(cleanup);
type Props = ResolvedPropsOf<typeof definition>;
const list = (p: Record<string, unknown>, resolved: Partial<Props> = {}): Props => ({ ...(definition.props.parse(p) as Props), ...resolved });

const topics: BoundRows = {
  query: 'top_topics',
  columns: [{ name: 'topic', type: 'text' }, { name: 'interactions', type: 'int8' }, { name: 'share', type: 'numeric' }],
  rows: [
    { topic: 'billing', interactions: 17234, share: '0.1734' },
    { topic: 'shipping', interactions: 16980, share: '0.1708' },
    { topic: 'returns', interactions: 16511, share: null },
    { topic: null, interactions: 3, share: '0.0001' },
  ],
  truncated: false,
};

const items = () => screen.getAllByRole('listitem').map((li) => li.textContent);

describe('ListView', () => {
  it('lists literal items as bullets', () => {
    const { container } = render(<ListView props={list({ items: ['Email', 'Chat', 'Phone'] })} layout="dashboard" />);
    expect(container.querySelector('ul')).toBeTruthy();
    expect(items()).toEqual(['Email', 'Chat', 'Phone']);
  });

  it('lists one entry per row with a formatted detail, numbered', () => {
    const { container } = render(
      <ListView props={list({ field: 'topic', detailField: 'interactions', detailFormat: 'number', ordered: true, title: 'Top topics' }, { data: topics })} layout="dashboard" />,
    );
    expect(container.querySelector('ol')).toBeTruthy();
    expect(screen.getByText('Top topics')).toBeTruthy();
    expect(items()).toEqual(['billing17,234', 'shipping16,980', 'returns16,511', '—3']);
    expect(screen.getByText('17,234')).toBeTruthy();
  });

  it('formats numeric strings and nulls in the detail column', () => {
    render(<ListView props={list({ field: 'topic', detailField: 'share', detailFormat: 'ratio' }, { data: topics })} layout="dashboard" />);
    expect(items()).toEqual(['billing17.3%', 'shipping17.1%', 'returns—', '—0%']);
  });

  it('defaults the field to the first column', () => {
    render(<ListView props={list({}, { data: topics })} layout="dashboard" />);
    expect(items()).toEqual(['billing', 'shipping', 'returns', '—']);
  });

  it('caps the entries at maxItems with a "+N more" note', () => {
    render(<ListView props={list({ field: 'topic', maxItems: 2 }, { data: topics })} layout="dashboard" />);
    expect(items()).toEqual(['billing', 'shipping']);
    expect(screen.getByText('+2 more')).toBeTruthy();
  });

  it('shows the empty text for no rows or no items', () => {
    render(<ListView props={list({ field: 'topic' }, { data: { ...topics, rows: [] } })} layout="dashboard" />);
    expect(screen.getByText('Nothing to list')).toBeTruthy();
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
    cleanup();
    render(<ListView props={list({ emptyText: 'No topics yet' })} layout="dashboard" />);
    expect(screen.getByText('No topics yet')).toBeTruthy();
  });

  it('prefers data over items and notes a truncated result', () => {
    render(<ListView props={list({ items: ['literal'], field: 'topic' }, { data: { ...topics, truncated: true } })} layout="dashboard" />);
    expect(screen.queryByText('literal')).toBeNull();
    expect(screen.getByRole('note').textContent).toContain('top_topics');
  });

  it('binds data as rows and names its columns', () => {
    expect(definition.bindings).toEqual({ data: 'rows' });
    expect(definition.columnsOf).toEqual({ field: 'data', detailField: 'data' });
    expect(definition.props.safeParse({ items: [{ a: 1 }] }).success).toBe(false);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
