// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { definition } from './definition';
import { toCsv } from '../../lib/format/csv';
import { TableView } from './view';

afterEach(cleanup);

const byChannel: BoundRows = {
  query: 'by_channel',
  columns: [
    { name: 'channel', type: 'text' },
    { name: 'interactions', type: 'int8' },
    { name: 'avg_csat', type: 'numeric' },
    { name: 'resolution_rate', type: 'numeric' },
    { name: 'last_seen', type: 'timestamptz' },
    { name: 'any_open', type: 'bool' },
  ],
  rows: [
    { channel: 'email', interactions: 23456, avg_csat: '3.87', resolution_rate: '0.8123', last_seen: '2026-10-31T23:10:00.000Z', any_open: true },
    { channel: 'chat', interactions: 9870, avg_csat: '4.12', resolution_rate: '0.9011', last_seen: '2026-10-31T22:00:00.000Z', any_open: false },
    { channel: 'sms', interactions: 1500, avg_csat: null, resolution_rate: '0.5000', last_seen: '2026-10-30T08:45:00.000Z', any_open: false },
    { channel: 'phone', interactions: 120000, avg_csat: '3.10', resolution_rate: '0.7777', last_seen: '2026-10-31T12:00:00.000Z', any_open: true },
  ],
  truncated: false,
};

function renderTable({ data, ...props }: Record<string, unknown>, layout: 'dashboard' | 'single' = 'dashboard') {
  const parsed = definition.props.parse({ ...props, data: { $query: 'by_channel' } });
  return render(<TableView props={{ ...parsed, data: (data as BoundRows | undefined) ?? byChannel }} layout={layout} />);
}

const bodyRows = () => screen.getAllByRole('row').filter((r) => r.closest('tbody') && !r.getAttribute('aria-hidden'));
const column = (i: number) => bodyRows().map((r) => within(r).getAllByRole('cell')[i]!.textContent);

describe('TableView', () => {
  it('shows every result column in select order, formatted by Postgres type', () => {
    renderTable({ title: 'Channels' });
    expect(screen.getByText('Channels')).toBeTruthy();
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent!.replace(/[▲▼↕]/g, ''));
    expect(headers).toEqual(['channel', 'interactions', 'avg_csat', 'resolution_rate', 'last_seen', 'any_open']);
    const first = within(bodyRows()[0]!).getAllByRole('cell').map((c) => c.textContent);
    expect(first).toEqual(['email', '23,456', '3.87', '0.81', 'Oct 31, 2026, 11:10 PM', 'Yes']);
    // Numbers right-aligned, text left.
    const cells = within(bodyRows()[0]!).getAllByRole('cell');
    expect(cells[1]!.className).toMatch(/right/);
    expect(cells[0]!.className).toMatch(/left/);
    expect(column(2)[2]).toBe('—');
    expect(screen.getByText('4 rows')).toBeTruthy();
  });

  it('uses the columns given: labels, formats, alignment, order', () => {
    renderTable({
      columns: [
        { key: 'resolution_rate', label: 'Resolved', format: 'ratio' },
        { key: 'channel', label: 'Channel', align: 'center' },
        { key: 'interactions', label: 'Volume', format: 'compact' },
      ],
    });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent!.replace(/[▲▼↕]/g, ''))).toEqual(['Resolved', 'Channel', 'Volume']);
    expect(column(0)).toEqual(['81.2%', '90.1%', '50%', '77.8%']);
    expect(column(2)).toEqual(['23.5K', '9.9K', '1.5K', '120K']);
    expect(within(bodyRows()[0]!).getAllByRole('cell')[1]!.className).toMatch(/center/);
  });

  it('sorts on header click, numbers largest first, with aria-sort', () => {
    renderTable({});
    const header = screen.getAllByRole('columnheader')[1]!;
    expect(header.getAttribute('aria-sort')).toBe('none');
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(column(0)).toEqual(['phone', 'email', 'chat', 'sms']);
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(column(0)).toEqual(['sms', 'chat', 'email', 'phone']);
    // Numeric strings sort as numbers; nulls last both ways.
    const csat = screen.getAllByRole('columnheader')[2]!;
    fireEvent.click(within(csat).getByRole('button'));
    expect(column(2)).toEqual(['4.12', '3.87', '3.1', '—']);
    fireEvent.click(within(csat).getByRole('button'));
    expect(column(2)).toEqual(['3.1', '3.87', '4.12', '—']);
    // Text sorts A to Z first.
    fireEvent.click(within(screen.getAllByRole('columnheader')[0]!).getByRole('button'));
    expect(column(0)).toEqual(['chat', 'email', 'phone', 'sms']);
    // Shift-click adds a second key: any_open (Yes first), then channel.
    fireEvent.click(within(screen.getAllByRole('columnheader')[5]!).getByRole('button'));
    fireEvent.click(within(screen.getAllByRole('columnheader')[0]!).getByRole('button'), { shiftKey: true });
    expect(column(0)).toEqual(['email', 'phone', 'chat', 'sms']);
  });

  it('starts sorted by sortBy (shown or not), and can be unsortable', () => {
    renderTable({ sortBy: 'last_seen', sortDirection: 'desc' });
    expect(column(0)).toEqual(['email', 'chat', 'phone', 'sms']);
    expect(screen.getAllByRole('columnheader')[4]!.getAttribute('aria-sort')).toBe('descending');
    cleanup();
    renderTable({ columns: [{ key: 'channel' }], sortBy: 'resolution_rate', sortDirection: 'asc' });
    expect(column(0)).toEqual(['sms', 'phone', 'email', 'chat']);
    cleanup();
    renderTable({ sortable: false });
    // No sort buttons; the one button left is the download.
    expect(screen.queryAllByRole('button').map((b) => b.textContent)).toEqual(['Download CSV']);
    cleanup();
    renderTable({ sortable: false, download: false });
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getAllByRole('columnheader')[0]!.getAttribute('aria-sort')).toBeNull();
  });

  it('keeps 100,000 rows fast: only visible rows are in the DOM', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({
      id: i + 1,
      channel: ['email', 'chat', 'phone', 'sms', 'social', 'web'][i % 6],
      duration_s: (i * 7919) % 3600,
      amount: i % 3 === 0 ? null : String((i * 104729) % 100000 / 100),
    }));
    const data: BoundRows = {
      query: 'all',
      rows,
      columns: [
        { name: 'id', type: 'int8' },
        { name: 'channel', type: 'text' },
        { name: 'duration_s', type: 'int4' },
        { name: 'amount', type: 'numeric' },
      ],
      truncated: true,
    };
    let started = performance.now();
    renderTable({ data, columns: [{ key: 'id' }, { key: 'channel' }, { key: 'duration_s', format: 'duration' }, { key: 'amount', format: 'currency' }] });
    const firstRender = performance.now() - started;
    expect(bodyRows().length).toBeLessThan(60);
    expect(bodyRows().length).toBeGreaterThan(10);
    expect(screen.getByText('100,000 rows')).toBeTruthy();
    expect(screen.getByRole('note').textContent).toContain('row cap');
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('100001');
    // The spacer below stands in for the rest: about 100,000 x 32 px.
    const spacer = document.querySelector('tbody tr[aria-hidden] td') as HTMLElement;
    expect(parseInt(spacer.style.height, 10)).toBeGreaterThan(3_000_000);

    started = performance.now();
    fireEvent.click(within(screen.getAllByRole('columnheader')[3]!).getByRole('button'));
    const sortClick = performance.now() - started;
    expect(column(3)[0]).toBe('$999.99');
    expect(firstRender).toBeLessThan(5_000);
    expect(sortClick).toBeLessThan(3_000);
  });

  it('shows the empty text with the headers', () => {
    renderTable({ data: { ...byChannel, rows: [] }, emptyText: 'Nothing yet' });
    expect(screen.getByText('Nothing yet')).toBeTruthy();
    expect(screen.getAllByRole('columnheader')).toHaveLength(6);
    expect(screen.getByText('0 rows')).toBeTruthy();
  });

  it('shows identifiers without thousands separators', () => {
    renderTable({ data: { query: 'q', columns: [{ name: 'id', type: 'int8' }, { name: 'customer_id', type: 'int4' }, { name: 'n', type: 'int8' }], truncated: false, rows: [{ id: 78136, customer_id: 12345, n: 12345 }] } });
    expect(column(0)).toEqual(['78136']);
    expect(column(1)).toEqual(['12345']);
    expect(column(2)).toEqual(['12,345']);
  });

  it('works without column metadata (columns from the first row)', () => {
    renderTable({ data: { query: 'q', columns: [], truncated: false, rows: [{ day: '2026-10-01', n: 5 }, { day: '2026-10-02', n: 1234.5 }] } });
    expect(column(0)).toEqual(['Oct 1, 2026', 'Oct 2, 2026']);
    expect(column(1)).toEqual(['5', '1,234.5']);
    expect(screen.getByText('2 rows')).toBeTruthy();
  });

  it('downloads the rows as CSV in their current order', async () => {
    const created: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:x';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderTable({ title: 'By channel', columns: [{ key: 'channel', label: 'Channel' }, { key: 'interactions' }], sortBy: 'interactions', sortDirection: 'desc' });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Download CSV' })));
    expect(click).toHaveBeenCalledOnce();
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('By channel.csv');
    expect(await created[0]!.text()).toBe('Channel,interactions\r\nphone,120000\r\nemail,23456\r\nchat,9870\r\nsms,1500\r\n');
    click.mockRestore();
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting and writes raw values', () => {
    const csv = toCsv(
      [{ key: 'a', label: 'A, "quoted"' }, { key: 'b', label: 'B' }],
      [
        { a: 'line\nbreak', b: null },
        { a: new Date('2026-10-01T00:00:00Z'), b: { k: 1 } },
      ],
    );
    expect(csv).toBe('"A, ""quoted""",B\r\n"line\nbreak",\r\n2026-10-01T00:00:00.000Z,"{""k"":1}"\r\n');
  });
});
