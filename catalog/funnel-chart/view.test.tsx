// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { definition } from './definition';
import { FunnelChartView } from './view';

afterEach(cleanup);

function rows(list: Record<string, unknown>[], query = 'funnel', truncated = false): BoundRows {
  const names = list[0] ? Object.keys(list[0]) : [];
  return { query, rows: list, columns: names.map((name) => ({ name })), truncated };
}

const pipeline = rows([
  { stage: 'prospecting', deals: 4000 },
  { stage: 'qualified', deals: '2500' },
  { stage: 'proposal', deals: 1000 },
  { stage: 'closed_won', deals: 400 },
]);

function renderFunnel(props: Record<string, unknown>) {
  const { data = pipeline, ...rest } = props as { data?: BoundRows };
  const parsed = definition.props.parse({ data: { $query: data.query }, label: 'stage', value: 'deals', ...rest });
  return render(<FunnelChartView props={{ ...parsed, data }} layout="dashboard" />);
}

function stages() {
  return within(screen.getByRole('list')).getAllByRole('listitem');
}

describe('FunnelChartView', () => {
  it('shows the stages in the rows\' order with their values', () => {
    renderFunnel({ title: 'Pipeline funnel' });
    expect(screen.getByText('Pipeline funnel')).toBeTruthy();
    const items = stages();
    expect(items.map((li) => li.getAttribute('aria-label')?.split(':')[0])).toEqual(['prospecting', 'qualified', 'proposal', 'closed_won']);
    expect(items[0]!.textContent).toContain('4,000');
    expect(items[1]!.textContent).toContain('2,500');
  });

  it('keeps the rows\' order even when a later stage is larger', () => {
    renderFunnel({ data: rows([{ stage: 'visit', deals: 10 }, { stage: 'signup', deals: 30 }]) });
    expect(stages().map((li) => li.getAttribute('aria-label')?.split(':')[0])).toEqual(['visit', 'signup']);
    expect(stages()[1]!.textContent).toContain('300% conversion');
  });

  it('sizes the bars against the largest stage', () => {
    const { container } = renderFunnel({});
    const bars = [...container.querySelectorAll('li span[style]')] as HTMLElement[];
    expect(bars.map((b) => b.style.width)).toEqual(['100%', '62.5%', '25%', '10%']);
  });

  it('shows the conversion between stages, of the first stage and overall', () => {
    renderFunnel({});
    const items = stages();
    expect(items[1]!.textContent).toContain('62.5% conversion');
    expect(items[2]!.textContent).toContain('40% conversion');
    expect(items[3]!.getAttribute('aria-label')).toBe('closed_won: 400, 40% of proposal, 10% of prospecting');
    expect(screen.getByText(/Overall conversion/).textContent).toBe('Overall conversion: 10% from prospecting to closed_won');
  });

  it('hides conversions when asked and formats values', () => {
    renderFunnel({ showConversion: false, valueFormat: 'compact' });
    expect(screen.queryByText(/conversion/)).toBeNull();
    expect(screen.getByText('4K')).toBeTruthy();
  });

  it('sums a repeated stage and notes rows without a number', () => {
    renderFunnel({
      data: rows([
        { stage: 'lead', deals: 5 },
        { stage: 'lead', deals: 5 },
        { stage: 'won', deals: null },
        { stage: 'won', deals: 2 },
      ]),
    });
    const items = stages();
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('10');
    expect(screen.getByRole('note').textContent).toContain('1 row without a numeric deals');
  });

  it('shows the empty state and unknown columns', () => {
    renderFunnel({ data: rows([]) });
    expect(screen.getByText('No rows to chart')).toBeTruthy();
    cleanup();
    renderFunnel({ label: 'deal_stage' });
    expect(screen.getByRole('alert').textContent).toContain('deal_stage');
  });
});
