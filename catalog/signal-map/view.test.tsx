// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { definition } from './definition';
import { SignalMapView } from './view';

afterEach(cleanup);

function rows(list: Record<string, unknown>[], query = 'topic_channel_sentiment', truncated = false): BoundRows {
  const names = list[0] ? Object.keys(list[0]) : [];
  return { query, rows: list, columns: names.map((name) => ({ name })), truncated };
}

const sentiment = rows([
  { topic: 'billing', channel: 'email', avg_sentiment: '-0.42' },
  { topic: 'billing', channel: 'chat', avg_sentiment: 0.1 },
  { topic: 'billing', channel: 'phone', avg_sentiment: 0 },
  { topic: 'shipping', channel: 'email', avg_sentiment: 0.84 },
  { topic: 'shipping', channel: 'chat', avg_sentiment: null },
  { topic: 'returns', channel: 'email', avg_sentiment: -0.2 },
]);

function renderMap(props: Record<string, unknown>) {
  const { data = sentiment, ...rest } = props as { data?: BoundRows };
  const parsed = definition.props.parse({ data: { $query: data.query }, x: 'channel', y: 'topic', value: 'avg_sentiment', ...rest });
  return render(<SignalMapView props={{ ...parsed, data }} layout="dashboard" />);
}

function cell(label: string) {
  return screen.getAllByRole('cell').find((c) => c.getAttribute('aria-label')!.startsWith(`${label}:`))!;
}

describe('SignalMapView', () => {
  it('lays out one row per y and one column per x, in the rows\' order', () => {
    renderMap({ title: 'Sentiment by topic and channel', scale: 'diverging', valueFormat: 'decimal' });
    const table = screen.getByRole('table', { name: 'Sentiment by topic and channel' });
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['billing', 'shipping', 'returns']);
    expect(within(table).getAllByRole('columnheader').slice(1).map((h) => h.textContent)).toEqual(['email', 'chat', 'phone']);
    expect(within(table).getAllByRole('cell')).toHaveLength(9);
    expect(cell('billing × email').textContent).toBe('-0.42');
    expect(cell('billing × email').getAttribute('title')).toBe('billing × email: -0.42');
  });

  it('colours a diverging scale around the centre: red below, grey at, green above', () => {
    renderMap({ scale: 'diverging' });
    // Symmetric around 0: the largest distance (0.84) takes the end colours.
    expect(cell('shipping × email').style.background).toBe('rgb(31, 138, 91)');
    expect(cell('billing × phone').style.background).toBe('rgb(243, 244, 246)');
    const neg = cell('billing × email').style.background;
    expect(neg).toMatch(/^rgb\(/);
    expect(neg).not.toBe('rgb(243, 244, 246)');
    // The text with the higher contrast: on this green white is 4.3:1 (below AA), black 4.8:1.
    expect(cell('shipping × email').style.color).toBe('rgb(0, 0, 0)');
    expect(cell('billing × phone').style.color).toBe('rgb(0, 0, 0)');
  });

  it('colours a sequential scale from low to high with custom colours', () => {
    const volume = rows([
      { topic: 'billing', channel: 'email', n: 10 },
      { topic: 'billing', channel: 'chat', n: 20 },
      { topic: 'shipping', channel: 'email', n: 30 },
    ]);
    renderMap({ data: volume, value: 'n', colors: { low: '#000000', high: '#ffffff' } });
    expect(cell('billing × email').style.background).toBe('rgb(0, 0, 0)');
    expect(cell('billing × chat').style.background).toBe('rgb(128, 128, 128)');
    expect(cell('shipping × email').style.background).toBe('rgb(255, 255, 255)');
    expect(cell('shipping × chat').getAttribute('aria-label')).toBe('shipping × chat: no data');
  });

  it('shows a legend with the formatted ends and centre', () => {
    renderMap({ scale: 'diverging', valueFormat: 'decimal' });
    const legend = screen.getByLabelText('Colour scale');
    expect(legend.textContent).toContain('-0.84');
    expect(legend.textContent).toContain('0.84');
    expect(legend.textContent).toContain('0.00');
    expect(legend.textContent).toContain('no data');
  });

  it('honours min and max, clamping values past them', () => {
    renderMap({ scale: 'diverging', min: -1, max: 1, valueFormat: 'decimal' });
    const legend = screen.getByLabelText('Colour scale');
    expect(legend.textContent).toContain('-1.00');
    expect(cell('shipping × email').style.background).not.toBe('rgb(31, 138, 91)');
  });

  it('combines repeated cells and formats dates as categories', () => {
    const weekly = rows([
      { week: '2026-10-05T00:00:00.000Z', channel: 'email', n: 2 },
      { week: '2026-10-05T00:00:00.000Z', channel: 'email', n: 4 },
      { week: '2026-10-12T00:00:00.000Z', channel: 'email', n: 1 },
    ]);
    renderMap({ data: weekly, y: 'week', value: 'n', yFormat: 'date', aggregate: 'sum' });
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Oct 5, 2026', 'Oct 12, 2026']);
    expect(cell('Oct 5, 2026 × email').textContent).toBe('6');
    expect(screen.getByRole('note').textContent).toContain('1 row repeating a cell summed into it');
  });

  it('names Date categories by their day when no format is given', () => {
    const weekly = rows([{ week: new Date('2026-10-05T00:00:00Z'), channel: 'email', n: 2 }]);
    renderMap({ data: weekly, y: 'week', value: 'n' });
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['2026-10-05']);
  });

  it('orders columns and rows by label or by total when asked', () => {
    const data = rows([
      { topic: 'returns', channel: 'web', n: 1 },
      { topic: 'billing', channel: 'email', n: 5 },
      { topic: 'billing', channel: 'chat', n: 2 },
      { topic: 'returns', channel: 'email', n: 9 },
    ]);
    renderMap({ data, value: 'n', xOrder: 'label', yOrder: 'total' });
    expect(screen.getAllByRole('columnheader').slice(1).map((h) => h.textContent)).toEqual(['chat', 'email', 'web']);
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['returns', 'billing']);
    cleanup();
    renderMap({ data: rows([{ topic: 10, channel: 'a', n: 1 }, { topic: 9, channel: 'a', n: 1 }, { topic: null, channel: 'a', n: 1 }]), value: 'n', yOrder: 'label' });
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['9', '10', '(none)']);
  });

  it('hides values in cells when asked, keeping them in the tooltip', () => {
    renderMap({ showValues: false, valueFormat: 'decimal' });
    expect(cell('billing × email').textContent).toBe('');
    expect(cell('billing × email').getAttribute('title')).toBe('billing × email: -0.42');
  });

  it('shows the empty state, nothing-to-draw and unknown columns', () => {
    renderMap({ data: rows([]) });
    expect(screen.getByText('No rows to chart')).toBeTruthy();
    cleanup();
    renderMap({ data: rows([{ topic: 'a', channel: 'b', avg_sentiment: null }]) });
    expect(screen.getByText(/No numeric values/)).toBeTruthy();
    cleanup();
    renderMap({ value: 'sentiment_score' });
    expect(screen.getByRole('alert').textContent).toContain('sentiment_score');
  });

  it('renders on the server', () => {
    const parsed = definition.props.parse({ data: { $query: 'q' }, x: 'channel', y: 'topic', value: 'avg_sentiment' });
    const html = renderToString(<SignalMapView props={{ ...parsed, data: sentiment }} layout="dashboard" />);
    expect(html).toContain('role="table"');
    expect(html).toContain('billing × email');
  });
});
