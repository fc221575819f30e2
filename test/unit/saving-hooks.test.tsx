// @vitest-environment jsdom
/**
 * The studio's saving hooks where a real platform cannot be made to fail on
 * cue: a network error mid-save, and a second save while one is in flight
 * (a slow answer). The draft half runs on jsdom's real localStorage.
 * Conflicts and validation refusals are tested against the real app in
 * test/e2e/studio-conflict.test.ts.
 */
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSave } from '../../components/studio/save/use-save';
import { useDraft } from '../../components/studio/use-draft';

vi.mock('next/navigation', () => ({ useRouter: () => ({ replace: vi.fn() }) }));

const realFetch = globalThis.fetch;
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
  window.localStorage.clear();
});

function saveHook(text: string) {
  const onSaved = vi.fn();
  const latest = { current: text };
  const hook = renderHook(() => useSave({ text: 'old', version: 1, id: 'p1' }, { latest, onSaved, onRefused: vi.fn(), onTakeTheirs: vi.fn() }));
  return { hook, onSaved };
}

describe('useSave', () => {
  it('a network error mid-save keeps the text unsaved and says so; the draft is not cleared', async () => {
    globalThis.fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const { hook, onSaved } = saveHook('mine');
    await act(() => hook.result.current.save());
    expect(hook.result.current.problem?.message).toBe('Saving failed: Failed to fetch. Your text is kept in this browser.');
    expect(hook.result.current.status).toBe('Not saved');
    expect(hook.result.current.saved).toMatchObject({ text: 'old', version: 1 });
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('a second save while the first is still waiting for its answer sends nothing', async () => {
    let answer!: (r: Response) => void;
    const fetchMock = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    const { hook, onSaved } = saveHook('mine');
    let first!: Promise<void>;
    act(() => {
      first = hook.result.current.save();
    });
    await act(() => hook.result.current.save());
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const sent = JSON.parse((fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].body as string) as Record<string, unknown>;
    expect(sent).toEqual({ text: 'mine', expectedVersion: 1 });
    await act(async () => {
      answer(Response.json({ page: { id: 'p1', version: 2 } }));
      await first;
    });
    expect(onSaved).toHaveBeenCalledWith('mine');
    expect(hook.result.current.saved).toMatchObject({ text: 'mine', version: 2 });
    expect(hook.result.current.status).toBe('Saved (version 2)');
  });
});

describe('useDraft.setAside', () => {
  beforeEach(() => window.localStorage.clear());

  it('keeps mine while the editor shows theirs, offers it again after a reload, and restores it with its base', () => {
    const key = 'amdahl:draft:p1';
    const first = renderHook(({ text, saved }) => useDraft(key, text, saved, { version: 2 }), { initialProps: { text: 'theirs', saved: 'theirs' } });
    act(() => first.result.current.setAside('mine', { version: 2 }, 'Set aside'));
    expect(first.result.current.offer).toMatchObject({ text: 'mine', note: 'Set aside', base: { version: 2 } });
    expect(JSON.parse(window.localStorage.getItem(key)!)).toMatchObject({ text: 'mine', base: { version: 2 } });
    first.unmount();

    // A new tab: the editor holds theirs, mine is offered, not applied.
    const again = renderHook(({ text, saved }) => useDraft(key, text, saved, { version: 2 }), { initialProps: { text: 'theirs', saved: 'theirs' } });
    expect(again.result.current.offer?.text).toBe('mine');
    let restored!: { text: string; base?: { version?: number | string } };
    act(() => {
      restored = again.result.current.restore();
    });
    expect(restored).toEqual({ text: 'mine', base: { version: 2 } });
    expect(again.result.current.offer).toBeUndefined();
    // Until the platform confirms a save, the draft stays.
    expect(window.localStorage.getItem(key)).not.toBeNull();
    act(() => again.result.current.clear());
    expect(window.localStorage.getItem(key)).toBeNull();
  });
});
