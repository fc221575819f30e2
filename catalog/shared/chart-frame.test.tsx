// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { ChartFrame } from './chart-frame';
import { MAX_ROWS } from './chart-data';

afterEach(cleanup);

const byChannel: BoundRows = {
  query: 'by_channel',
  columns: [{ name: 'channel' }, { name: 'events' }],
  rows: [
    { channel: 'email', events: 1234 },
    { channel: 'chat', events: null },
  ],
  truncated: false,
};

describe('ChartFrame: an accessible name and the data as a table', () => {
  it('names the figure after its kind and title', () => {
    render(
      <ChartFrame kind="Bar chart" subject="events by channel" title="Events by channel" data={byChannel}>
        <div>chart</div>
      </ChartFrame>,
    );
    expect(screen.getByRole('figure', { name: 'Bar chart: Events by channel' })).toBeTruthy();
  });

  it('generates a name from what it shows when it has no title', () => {
    render(
      <ChartFrame kind="Bar chart" subject="events by channel" data={byChannel}>
        <div>chart</div>
      </ChartFrame>,
    );
    expect(screen.getByRole('figure', { name: 'Bar chart of events by channel' })).toBeTruthy();
  });

  it('"Show data" is a disclosure that reveals the rows as a captioned table with column headers', async () => {
    render(
      <ChartFrame kind="Bar chart" title="Events" data={byChannel}>
        <div>chart</div>
      </ChartFrame>,
    );
    const toggle = screen.getByRole('button', { name: 'Show data' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('table')).toBeNull();
    await act(async () => fireEvent.click(toggle));
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent).toBe('Hide data');
    const table = screen.getByRole('table');
    expect(toggle.getAttribute('aria-controls')).toBe(table.parentElement!.id);
    expect(table.querySelector('caption')!.textContent).toBe('Data of Bar chart: Events: 2 rows');
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => [h.textContent, h.getAttribute('scope')])).toEqual([
      ['channel', 'col'],
      ['events', 'col'],
    ]);
    const cells = within(table).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['email', '1,234', 'chat', '']);
    await act(async () => fireEvent.click(toggle));
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('caps the table and says so', async () => {
    const many: BoundRows = { ...byChannel, rows: Array.from({ length: MAX_ROWS + 5 }, (_, i) => ({ channel: `c${i}`, events: i })) };
    render(
      <ChartFrame kind="Line chart" data={many}>
        <div>chart</div>
      </ChartFrame>,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Show data' })));
    const table = screen.getByRole('table');
    expect(table.querySelectorAll('tbody tr')).toHaveLength(MAX_ROWS);
    expect(table.querySelector('caption')!.textContent).toContain(`${(MAX_ROWS + 5).toLocaleString('en-US')} rows (the first ${MAX_ROWS.toLocaleString('en-US')} shown`);
  });

  it('offers given values when there are no rows (a gauge), and nothing when there is nothing', () => {
    const { unmount } = render(
      <ChartFrame kind="Gauge" table={{ columns: ['value', 'max'], rows: [{ value: '42%', max: '100%' }] }}>
        <div>dial</div>
      </ChartFrame>,
    );
    expect(screen.getByRole('figure', { name: 'Gauge' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show data' })).toBeTruthy();
    unmount();
    render(
      <ChartFrame kind="Bar chart" data={{ ...byChannel, rows: [] }}>
        <div>chart</div>
      </ChartFrame>,
    );
    expect(screen.queryByRole('button', { name: 'Show data' })).toBeNull();
  });
});

describe('ChartFrame over rows the server reduced for drawing', () => {
  const drawn: BoundRows = {
    ...byChannel,
    drawn: { total: 10_000, drawn: 2, unit: 'points', method: 'LTTB, every highest and lowest value kept', href: '/pages/p1/rows?node=%2Froot%2Fchildren%2F1' },
  };

  it('says how many there were and how many it drew', () => {
    render(
      <ChartFrame kind="Line chart" title="Events" data={drawn}>
        <div>chart</div>
      </ChartFrame>,
    );
    expect(screen.getAllByRole('note').map((n) => n.textContent)).toContain('10,000 points, 2 drawn (LTTB, every highest and lowest value kept).');
  });

  it('offers every row: Download CSV links to the server’s streamed CSV with the page’s own query string', () => {
    window.history.replaceState(null, '', '/embed/p1?token=abc&channel=email&node=evil');
    render(
      <ChartFrame kind="Line chart" title="Events" data={drawn}>
        <div>chart</div>
      </ChartFrame>,
    );
    const link = screen.getByRole('link', { name: 'Download CSV' });
    const url = new URL(link.getAttribute('href')!, 'http://x');
    expect(url.pathname).toBe('/pages/p1/rows');
    expect(Object.fromEntries(url.searchParams)).toEqual({ node: '/root/children/1', token: 'abc', channel: 'email', format: 'csv' });
  });
});
