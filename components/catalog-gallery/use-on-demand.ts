'use client';
/**
 * A disclosure whose content is fetched the first time it opens: the gallery
 * keeps props tables and example sources out of the page (they were half of
 * its HTML and RSC payload) and asks a small route for one when the reader
 * opens it. Fetched once; a failure says so and the next opening asks again.
 */
import { useCallback, useId, useState } from 'react';

export type OnDemand<T> = { state: 'idle' } | { state: 'loading' } | { state: 'loaded'; value: T } | { state: 'failed'; message: string };

export function useOnDemand<T>(href: string, read: (response: Response) => Promise<T>) {
  const [open, setOpen] = useState(false);
  const [content, setContent] = useState<OnDemand<T>>({ state: 'idle' });
  const regionId = useId();
  const toggle = useCallback(() => {
    const opening = !open;
    setOpen(opening);
    if (!opening || content.state === 'loaded' || content.state === 'loading') return;
    setContent({ state: 'loading' });
    fetch(href)
      .then(async (response) => {
        if (!response.ok) throw new Error(`${response.status} ${(await response.text()).slice(0, 200)}`);
        setContent({ state: 'loaded', value: await read(response) });
      })
      .catch((error: unknown) => setContent({ state: 'failed', message: (error as Error).message }));
  }, [open, content.state, href, read]);
  return { open, content, toggle, regionId };
}
