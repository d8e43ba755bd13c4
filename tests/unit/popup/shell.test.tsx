import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Counts } from '../../../entrypoints/popup/App';
import { countsHtml } from '../../../entrypoints/popup/shell';
import {
  SUMMARY_CACHE_KEY,
  parseCachedSummary,
  readCachedSummary,
  saveCachedSummary,
} from '../../../entrypoints/popup/summary-cache';
import { summary as makeSummary } from './fixtures';

const summary = makeSummary({
  total: 1460,
  damaged: 1,
  readiness: { ready: 1120, 'at-risk': 35, blocked: 105, 'not-applicable': 200 },
  plan: { id: 'forward', name: 'Delegation to Camden <"TUPE"> & O\'Neill', transferDate: '2018-04-01' },
  pendingImports: 2,
  lastImport: { id: 'i1', at: '2018-01-01T00:00:00Z', source: 'staff.csv' },
});

class MemoryStore {
  items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

describe('popup shell', () => {
  it.each([
    ['with a plan, damaged records and imports waiting', summary, false],
    [
      'without a plan, while the background is asked',
      { ...summary, plan: undefined, damaged: 0, pendingImports: 0 },
      true,
    ],
  ])('draws the same counts markup as React (%s)', (_name, s, busy) => {
    expect(countsHtml(s, busy)).toBe(renderToStaticMarkup(<Counts summary={s} busy={busy} />));
  });

  it('escapes the plan name', () => {
    expect(countsHtml(summary, false)).toContain('Delegation to Camden &lt;&quot;TUPE&quot;&gt; &amp; O&#x27;Neill');
  });
});

describe('popup local copy of the counts', () => {
  it('keeps counts and the plan only, and reads them back', () => {
    const store = new MemoryStore();
    saveCachedSummary(summary, store);
    const kept = JSON.parse(store.getItem(SUMMARY_CACHE_KEY)!) as Record<string, unknown>;
    expect(kept.lastImport).toBeUndefined();
    const { lastImport: _dropped, ...rest } = summary;
    expect(readCachedSummary(store)).toEqual(rest);
  });

  it('keeps nothing for an empty register', () => {
    const store = new MemoryStore();
    saveCachedSummary(summary, store);
    saveCachedSummary({ ...summary, total: 0, damaged: 0 }, store);
    expect(readCachedSummary(store)).toBeUndefined();
    expect(store.items.size).toBe(0);
  });

  it('ignores anything that is not a whole summary', () => {
    expect(parseCachedSummary(null)).toBeUndefined();
    expect(parseCachedSummary('not json')).toBeUndefined();
    expect(parseCachedSummary(JSON.stringify({ ...summary, total: -1 }))).toBeUndefined();
    expect(parseCachedSummary(JSON.stringify({ ...summary, readiness: { ready: 1 } }))).toBeUndefined();
    expect(parseCachedSummary(JSON.stringify({ ...summary, plan: { name: 3 } }))).toBeUndefined();
    expect(parseCachedSummary(JSON.stringify(summary))?.readiness.ready).toBe(1120);
  });

  it('does not fail when storage throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(readCachedSummary(broken)).toBeUndefined();
    expect(() => saveCachedSummary(summary, broken)).not.toThrow();
  });
});
