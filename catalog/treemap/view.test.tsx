// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { definition } from './definition';
import { TreemapView } from './view';

afterEach(cleanup);

function rows(list: Record<string, unknown>[], query = 'by_topic', truncated = false): BoundRows {
  const names = list[0] ? Object.keys(list[0]) : [];
  return { query, rows: list, columns: names.map((name) => ({ name })), truncated };
}

const byTopic = rows([
  { topic: 'billing', interactions: 21000 },
  { topic: 'shipping', interactions: '18000' },
  { topic: 'returns', interactions: 14000 },
  { topic: 'account', interactions: 12000 },
  { topic: 'product', interactions: 9000 },
  { topic: 'other', interactions: 4000 },
]);

const topicChannel = rows(
  [
    { topic: 'billing', channel: 'email', n: 600 },
    { topic: 'billing', channel: 'chat', n: 300 },
    { topic: 'shipping', channel: 'email', n: 200 },
    { topic: 'shipping', channel: 'phone', n: 100 },
    { topic: 'returns', channel: 'web', n: 50 },
  ],
  'topic_channel',
);

function renderTreemap(props: Record<string, unknown>) {
  const { data = byTopic, ...rest } = props as { data?: BoundRows };
  const parsed = definition.props.parse({ data: { $query: data.query }, label: 'topic', value: 'interactions', ...rest });
  return render(<TreemapView props={{ ...parsed, data }} layout="dashboard" />);
}

function leaves(container: HTMLElement) {
  return [...container.querySelectorAll('[data-part="leaf"]')];
}

describe('TreemapView', () => {
  it('draws one rectangle per category with its name and formatted value', () => {
    const { container } = renderTreemap({ title: 'By topic', valueFormat: 'compact' });
    expect(screen.getByText('By topic')).toBeTruthy();
    const cells = leaves(container);
    expect(cells).toHaveLength(6);
    expect(cells.map((c) => c.getAttribute('aria-label'))).toContain('shipping: 18K');
    expect(screen.getByText('billing')).toBeTruthy();
    expect(screen.getByText('21K')).toBeTruthy();
    // Distinct colours per category without a group.
    const fills = new Set(cells.map((c) => c.querySelector('rect')!.getAttribute('fill')));
    expect(fills.size).toBe(6);
  });

  it('sizes rectangles by value', () => {
    const { container } = renderTreemap({});
    const area = (name: string) => {
      const rect = leaves(container).find((c) => c.getAttribute('aria-label')!.startsWith(`${name}:`))!.querySelector('rect')!;
      return Number(rect.getAttribute('width')) * Number(rect.getAttribute('height'));
    };
    // recharts rounds edges to whole pixels: allow a few percent.
    expect(Math.abs(area('billing') / area('other') / (21000 / 4000) - 1)).toBeLessThan(0.03);
  });

  it('nests rectangles by group, one colour per group, with a legend of group totals', () => {
    const { container } = renderTreemap({ data: topicChannel, group: 'topic', label: 'channel', value: 'n' });
    const cells = leaves(container);
    expect(cells).toHaveLength(5);
    expect(cells.map((c) => c.getAttribute('aria-label'))).toContain('billing › email: 600');
    const fillOf = (label: string) => cells.find((c) => c.getAttribute('aria-label')!.startsWith(label))!.querySelector('rect')!.getAttribute('fill');
    expect(fillOf('billing › email')).toBe(fillOf('billing › chat'));
    expect(fillOf('billing › email')).not.toBe(fillOf('shipping › email'));
    const legend = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(legend.map((l) => l.textContent)).toEqual(['billing900', 'shipping300', 'returns50']);
  });

  it('leaves out zero, negative and non-numeric values with a notice', () => {
    const { container } = renderTreemap({
      data: rows([
        { topic: 'billing', interactions: 5 },
        { topic: 'shipping', interactions: 0 },
        { topic: 'returns', interactions: -2 },
        { topic: 'other', interactions: null },
      ]),
    });
    expect(leaves(container)).toHaveLength(1);
    const note = screen.getByRole('note').textContent;
    expect(note).toContain('1 row without a numeric interactions');
    expect(note).toContain('2 rows with a zero or negative interactions');
  });

  it('shows the empty state, nothing-to-draw and unknown columns', () => {
    renderTreemap({ data: rows([]) });
    expect(screen.getByText('No rows to chart')).toBeTruthy();
    cleanup();
    renderTreemap({ data: rows([{ topic: 'billing', interactions: 0 }]) });
    expect(screen.getByText(/No positive values/)).toBeTruthy();
    cleanup();
    renderTreemap({ group: 'channel' });
    expect(screen.getByRole('alert').textContent).toContain('channel');
  });
});
