// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { ChartFrame } from './chart-frame';

const rows: BoundRows = {
  query: 'win_rate',
  columns: [{ name: 'rep' }, { name: 'win_pct' }, { name: 'note' }],
  rows: [
    { rep: 'Ana', win_pct: 30, note: 'said "yes", then\nno' },
    { rep: '=cmd|"/c calc"!A1', win_pct: -2.5, note: null },
  ],
  truncated: false,
};

// jsdom has no object URLs: capture the Blob the button hands to the browser.
let blobs: Blob[];
let downloads: string[];
beforeEach(() => {
  blobs = [];
  downloads = [];
  Object.assign(URL, {
    createObjectURL: vi.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:captured';
    }),
    revokeObjectURL: vi.fn(),
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push(this.download);
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('ChartFrame: Download CSV', () => {
  it('downloads the rows it was given as CSV named after the title', async () => {
    render(
      <ChartFrame title="Win rate: by rep" data={rows}>
        <div>chart</div>
      </ChartFrame>,
    );
    const button = screen.getByRole('button', { name: 'Download CSV' });
    button.focus();
    expect(document.activeElement).toBe(button);
    await act(async () => fireEvent.click(button));
    expect(downloads).toEqual(['Win rate_ by rep.csv']);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect(await blobs[0]!.text()).toBe(`rep,win_pct,note\r\nAna,30,"said ""yes"", then\nno"\r\n"'=cmd|""/c calc""!A1",-2.5,\r\n`);
  });

  it('names the file after the query when the view has no title', async () => {
    render(
      <ChartFrame data={rows}>
        <div>chart</div>
      </ChartFrame>,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Download CSV' })));
    expect(downloads).toEqual(['win_rate.csv']);
  });

  it('offers no download without rows', () => {
    render(
      <ChartFrame data={{ ...rows, rows: [] }}>
        <div>chart</div>
      </ChartFrame>,
    );
    expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
  });
});
