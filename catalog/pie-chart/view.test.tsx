// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { reduceForDrawing } from '../../lib/render/reduce-for-drawing';
import type { BoundRows } from '../../lib/spec/resolved';
import { definition } from './definition';
import { PieChartView } from './view';

afterEach(cleanup);

function rows(list: Record<string, unknown>[], query = 'by_channel', truncated = false): BoundRows {
  const names = list[0] ? Object.keys(list[0]) : [];
  return { query, rows: list, columns: names.map((name) => ({ name })), truncated };
}

const byChannel = rows([
  { channel: 'email', interactions: '30120' },
  { channel: 'chat', interactions: 25010 },
  { channel: 'phone', interactions: 19870 },
  { channel: 'web', interactions: 12001 },
  { channel: 'sms', interactions: 8000 },
  { channel: 'social', interactions: 4999 },
]);

function renderPie(props: Record<string, unknown>, layout: 'dashboard' | 'single' = 'dashboard') {
  const { data = byChannel, ...rest } = props as { data?: BoundRows };
  const parsed = definition.props.parse({ data: { $query: data.query }, label: 'channel', value: 'interactions', ...rest });
  return render(<PieChartView props={{ ...parsed, data }} layout={layout} />);
}

function legendItems() {
  return within(screen.getByRole('list')).getAllByRole('listitem');
}

describe('PieChartView', () => {
  it('draws one slice per category and lists each with its formatted value and share', () => {
    const { container } = renderPie({ title: 'Interactions by channel', data: byChannel });
    expect(screen.getByText('Interactions by channel')).toBeTruthy();
    expect(container.querySelectorAll('.recharts-pie-sector')).toHaveLength(6);
    const items = legendItems();
    expect(items).toHaveLength(6);
    // Largest first; the numeric string from Postgres numeric is read as a number.
    expect(items[0]!.textContent).toContain('email');
    expect(items[0]!.textContent).toContain('30,120');
    expect(items[0]!.textContent).toContain('30.1%');
    expect(items[5]!.textContent).toContain('social');
  });

  it('groups the categories beyond limit into Other', () => {
    const { container } = renderPie({ data: byChannel, limit: 3, otherLabel: 'Everything else' });
    expect(container.querySelectorAll('.recharts-pie-sector')).toHaveLength(4);
    const items = legendItems();
    expect(items.map((i) => i.querySelector('[title]')?.textContent)).toEqual(['email', 'chat', 'phone', 'Everything else']);
    // web + sms + social = 25,000
    expect(items[3]!.textContent).toContain('25,000');
  });

  it('keeps a single leftover category under its own name', () => {
    const { container } = renderPie({ data: byChannel, limit: 5 });
    expect(container.querySelectorAll('.recharts-pie-sector')).toHaveLength(6);
    expect(legendItems()[5]!.textContent).toContain('social');
    expect(screen.queryByText('Other')).toBeNull();
  });

  it('shows the total in the middle of a donut, formatted', () => {
    renderPie({ data: byChannel, donut: true, valueFormat: 'compact' });
    expect(screen.getByText('Total')).toBeTruthy();
    expect(screen.getByText('100K')).toBeTruthy();
  });

  it('labels slices with their percent, and hides percents when asked', () => {
    const first = renderPie({ data: byChannel });
    expect(first.container.querySelectorAll('text').length).toBeGreaterThan(0);
    expect(screen.getAllByText('30.1%').length).toBeGreaterThan(0);
    cleanup();
    renderPie({ data: byChannel, showPercent: false });
    expect(screen.queryByText('30.1%')).toBeNull();
  });

  it('sums repeated categories and names null ones', () => {
    const data = rows([
      { topic: 'billing', n: 2 },
      { topic: null, n: 1 },
      { topic: 'billing', n: 3 },
    ]);
    renderPie({ data, label: 'topic', value: 'n', valueFormat: 'integer' });
    const items = legendItems();
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('billing');
    expect(items[0]!.textContent).toContain('5');
    expect(items[1]!.textContent).toContain('(none)');
  });

  it('leaves out non-numeric and negative values with a notice', () => {
    const data = rows([
      { channel: 'email', amount: 10 },
      { channel: 'chat', amount: 'n/a' },
      { channel: 'sms', amount: -4 },
      { channel: 'web', amount: null },
    ]);
    const { container } = renderPie({ data, value: 'amount', valueFormat: 'currency' });
    expect(container.querySelectorAll('.recharts-pie-sector')).toHaveLength(1);
    expect(legendItems()[0]!.textContent).toContain('$10.00');
    const note = screen.getByRole('note');
    expect(note.textContent).toContain('2 rows without a numeric amount');
    expect(note.textContent).toContain('1 negative category');
  });

  it('shows the empty state without rows and a message for an unknown column', () => {
    renderPie({ data: rows([]) });
    expect(screen.getByText('No rows to chart')).toBeTruthy();
    cleanup();
    renderPie({ data: byChannel, value: 'count' });
    expect(screen.getByRole('alert').textContent).toContain('count');
    expect(screen.getByRole('alert').textContent).toContain('by_channel');
  });

  it('says when the row cap cut the result', () => {
    renderPie({ data: rows([{ channel: 'email', interactions: 1 }], 'by_channel', true) });
    expect(screen.getByRole('note').textContent).toContain('row cap');
  });
});

describe('PieChart rows reduced on the server', () => {
  /** 3,000 raw interactions over 12 channels: numeric text and numbers, some nulls, one channel negative overall. */
  function raw(): BoundRows {
    const list: Record<string, unknown>[] = [];
    for (let i = 0; i < 3000; i++) {
      const channel = `ch${(i * 7) % 12}`;
      const n = channel === 'ch11' ? -((i % 5) + 1) : (i * 13) % 97;
      list.push({ channel, interactions: i % 61 === 0 ? null : i % 2 ? String(n) + '.25' : n, note: 'x'.repeat(30) });
    }
    return rows(list, 'raw');
  }

  const shown = () => ({
    legend: legendItems().map((li) => li.textContent),
    sectors: document.querySelectorAll('.recharts-pie-sector').length,
    notes: screen.getAllByRole('note').map((n) => n.textContent),
  });

  it('sends one summed row per category and draws the same slices, Other and notes as from every row', () => {
    const data = raw();
    const parsed = definition.props.parse({ data: { $query: 'raw' }, label: 'channel', value: 'interactions', limit: 5 });
    render(<PieChartView props={{ ...parsed, data }} layout="dashboard" />);
    const whole = shown();
    cleanup();

    const reduced = reduceForDrawing(definition, { ...parsed, data }, '/pages/p/rows?node=%2Froot');
    const sent = reduced.data as BoundRows;
    expect(sent.rows).toHaveLength(12);
    expect(sent.columns.map((c) => c.name)).toEqual(['channel', 'interactions']);
    expect(JSON.stringify(sent).length).toBeLessThan(JSON.stringify(data).length / 50);
    render(<PieChartView props={reduced as Parameters<typeof PieChartView>[0]["props"]} layout="dashboard" />);
    const drawn = shown();
    expect(drawn.legend).toEqual(whole.legend);
    expect(drawn.legend).toHaveLength(6);
    expect(drawn.legend[5]).toMatch(/^Other/);
    expect(drawn.sectors).toBe(whole.sectors);
    // The negative category is still named in the chart's note; the rows without a number are counted in the frame's.
    const skipped = data.rows.filter((r) => r.interactions === null).length;
    expect(whole.notes.join(' ')).toContain(`${skipped} rows without a numeric interactions left out.`);
    expect(drawn.notes).toContain('1 negative category left out (a pie shows parts of a positive whole).');
    expect(drawn.notes).toContain(`3,000 rows, 12 drawn (summed into one row per channel; ${skipped} rows without a numeric interactions left out).`);
  });
});
