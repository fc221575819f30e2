/** The pages list's data for one URL: a screen from the platform, trimmed to what the browser shows. */
import { BadListCursorError, listPagesScreen } from '../../lib/pages-list/list-pages';
import type { ListLocation } from '../../lib/pages-list/list-url';
import type { PageRow } from '../../components/pages-list/page-row';
import type { PagesListProps } from '../../components/pages-list/pages-list';
import { requestHost } from './request-host';

/** What one screen of the list shows: the list component's props. */
export type PagesListData = PagesListProps;

export async function loadPagesList(location: ListLocation, problems: string[]): Promise<PagesListData> {
  const client = (await requestHost()).client;
  const listOnce = (params: { limit: number; cursor?: string; tag?: string }) => client.listPages(params);
  const query = { q: location.q, ...(location.tag ? { tag: location.tag } : {}), ...(location.status ? { status: location.status } : {}) };
  try {
    let shown = location;
    let screen;
    try {
      screen = await listPagesScreen(listOnce, { ...query, ...(location.cursor ? { cursor: location.cursor } : {}) });
    } catch (error) {
      if (!(error instanceof BadListCursorError)) throw error;
      problems = [...problems, error.message];
      shown = { ...location, cursor: '', back: [] };
      screen = await listPagesScreen(listOnce, query);
    }
    const rows: PageRow[] = screen.items.map((p) => ({
      id: p.id,
      name: p.name,
      tags: p.tags,
      status: p.status ?? '',
      createdAt: p.created_at ?? '',
      updatedAt: p.updated_at ?? '',
    }));
    return { rows, nextCursor: screen.nextCursor, scanned: screen.scanned, scanStopped: screen.scanStopped, location: shown, problems };
  } catch (error) {
    return { rows: [], nextCursor: null, scanned: 0, scanStopped: false, location, problems, failure: (error as Error).message };
  }
}
