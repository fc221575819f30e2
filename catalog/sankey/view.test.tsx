// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { definition } from './definition';
import { SankeyView } from './view';

afterEach(cleanup);

function rows(list: Record<string, unknown>[], query = 'flows', truncated = false): BoundRows {
  const names = list[0] ? Object.keys(list[0]) : [];
  return { query, rows: list, columns: names.map((name) => ({ name })), truncated };
}

const flows = rows([
  { channel: 'email', sentiment: 'positive', interactions: 9000 },
  { channel: 'email', sentiment: 'negative', interactions: '3000' },
  { channel: 'chat', sentiment: 'positive', interactions: 7000 },
  { channel: 'chat', sentiment: 'neutral', interactions: 2500 },
  { channel: 'phone', sentiment: 'negative', interactions: 4000 },
]);

type Given = Record<string, unknown> & { links?: BoundRows; nodes?: unknown };

function renderSankey(given: Given) {
  const { links = flows, nodes, ...rest } = given;
  const nodesSpec = nodes && !Array.isArray(nodes) ? { $query: (nodes as BoundRows).query } : nodes;
  const parsed = definition.props.parse({
    links: { $query: links.query },
    sourceField: 'channel',
    targetField: 'sentiment',
    valueField: 'interactions',
    ...(nodesSpec ? { nodes: nodesSpec } : {}),
    ...rest,
  });
  const props = { ...parsed, links, ...(nodes ? { nodes } : {}) } as Parameters<typeof SankeyView>[0]['props'];
  return render(<SankeyView props={props} layout="dashboard" />);
}

const part = (c: HTMLElement, name: string) => [...c.querySelectorAll(`[data-part="${name}"]`)];

describe('SankeyView', () => {
  it('draws one node per distinct name and one band per flow, with formatted labels', () => {
    const { container } = renderSankey({ title: 'Channel to sentiment', valueFormat: 'compact' });
    expect(screen.getByText('Channel to sentiment')).toBeTruthy();
    expect(part(container, 'node')).toHaveLength(6);
    expect(part(container, 'link')).toHaveLength(5);
    expect(screen.getByText('email · 12K')).toBeTruthy();
    expect(screen.getByText('positive · 16K')).toBeTruthy();
    expect(part(container, 'link').map((l) => l.getAttribute('aria-label'))).toContain('email → negative: 3K');
  });

  it('colours nodes from a literal nodes list and tints links by source', () => {
    const { container } = renderSankey({ nodes: [{ name: 'email', color: '#ff0000' }, 'chat'] });
    const emailNode = part(container, 'node').find((n) => n.getAttribute('aria-label')!.startsWith('email:'))!;
    expect(emailNode.querySelector('rect')!.getAttribute('fill')).toBe('#ff0000');
    const emailLinks = part(container, 'link').filter((l) => l.getAttribute('aria-label')!.startsWith('email →'));
    expect(emailLinks.map((l) => l.getAttribute('stroke'))).toEqual(['#ff0000', '#ff0000']);
  });

  it('reads node colours from a bound nodes query', () => {
    const nodes = rows([{ label: 'phone', hue: '#00aa00' }], 'node_colors');
    const { container } = renderSankey({ nodes, nodeField: 'label', colorField: 'hue', linkColor: 'source' });
    const phone = part(container, 'node').find((n) => n.getAttribute('aria-label')!.startsWith('phone:'))!;
    expect(phone.querySelector('rect')!.getAttribute('fill')).toBe('#00aa00');
  });

  it('drops a cycle and a self-loop with a visible notice instead of failing', () => {
    const links = rows([
      { channel: 'prospecting', sentiment: 'qualified', interactions: 100 },
      { channel: 'qualified', sentiment: 'proposal', interactions: 60 },
      { channel: 'proposal', sentiment: 'prospecting', interactions: 5 },
      { channel: 'proposal', sentiment: 'proposal', interactions: 3 },
    ]);
    const { container } = renderSankey({ links });
    expect(part(container, 'node')).toHaveLength(3);
    expect(part(container, 'link')).toHaveLength(2);
    const note = screen.getByRole('note').textContent;
    expect(note).toContain('Dropped 1 self-loop (proposal → proposal)');
    expect(note).toContain('Dropped 1 link that would close a cycle (proposal → prospecting)');
  });

  it('uses the default source/target/value columns', () => {
    const links = rows([
      { source: 'a', target: 'b', value: 2 },
      { source: 'b', target: 'c', value: 1 },
    ]);
    const parsed = definition.props.parse({ links: { $query: 'flows' } });
    const props = { ...parsed, links } as Parameters<typeof SankeyView>[0]['props'];
    const { container } = render(<SankeyView props={props} layout="dashboard" />);
    expect(part(container, 'link')).toHaveLength(2);
  });

  it('shows the empty state, nothing-to-draw and unknown columns', () => {
    renderSankey({ links: rows([]) });
    expect(screen.getByText('No flows to chart')).toBeTruthy();
    cleanup();
    renderSankey({ links: rows([{ channel: 'a', sentiment: 'a', interactions: 1 }]) });
    expect(screen.getByText('No flows to draw.')).toBeTruthy();
    cleanup();
    renderSankey({ valueField: 'count' });
    expect(screen.getByRole('alert').textContent).toContain('count');
    cleanup();
    renderSankey({ nodes: rows([{ label: 'x' }], 'node_list') });
    expect(screen.getByRole('alert').textContent).toContain('node_list');
  });
});
