import { describe, expect, it } from 'vitest';
import type { NameIndexEntry, ResponseMap } from '../../../lib/messaging/protocol';
import { fetchNameIndex, type NameIndexAsk } from '../../../lib/overlay/name-index-fetch';

type Answer = ResponseMap['getNameIndex'];

const entry = (key: string): NameIndexEntry => ({
  key,
  forename: 'Test',
  surname: key,
  otherSpellings: [],
  emails: [],
  employeeNumber: key.split(':')[1] ?? key,
});

/** A background holding `versions` in turn (the next one after `changeAfter` answers), answering pages of `page`. */
function background(page: number, indexes: { version: number; keys: string[] }[], changeAfter = Infinity) {
  let answered = 0;
  const asked: Parameters<NameIndexAsk>[0][] = [];
  const ask: NameIndexAsk = async (msg) => {
    asked.push(msg);
    const current = indexes[answered++ < changeAfter ? 0 : indexes.length - 1]!;
    const from = msg.from ?? 0;
    if (msg.knownVersion === current.version && from === 0) return { version: current.version, unchanged: true };
    const answer: Answer = {
      version: current.version,
      unchanged: false,
      entries: current.keys.slice(from, from + page).map(entry),
      from,
      total: current.keys.length,
    };
    return answer;
  };
  return { ask, asked };
}

const keys = (n: number, prefix = 'camden:C') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('fetchNameIndex', () => {
  it('joins every page, in order, each entry once', async () => {
    const { ask, asked } = background(4, [{ version: 7, keys: keys(10) }]);
    const index = await fetchNameIndex(ask);
    expect(index).toMatchObject({ version: 7, unchanged: false });
    expect(index && !index.unchanged && index.entries.map((e) => e.key)).toEqual(keys(10));
    expect(asked.map((m) => m.from ?? 0)).toEqual([0, 4, 8]);
  });

  it('says once, with the first page, which matcher the tab already holds', async () => {
    const { ask, asked } = background(4, [{ version: 7, keys: keys(10) }]);
    await fetchNameIndex(ask, undefined, 7);
    expect(asked).toEqual([
      { type: 'getNameIndex', matcherFor: 7 },
      { type: 'getNameIndex', from: 4 },
      { type: 'getNameIndex', from: 8 },
    ]);
  });

  it('says unchanged, asking once, when the tab already has this version', async () => {
    const { ask, asked } = background(4, [{ version: 7, keys: keys(10) }]);
    expect(await fetchNameIndex(ask, 7)).toEqual({ version: 7, unchanged: true });
    expect(asked).toHaveLength(1);
  });

  it('starts again when the register changes between pages, never mixing two versions', async () => {
    const { ask } = background(
      4,
      [
        { version: 7, keys: keys(10) },
        { version: 8, keys: keys(9, 'haringey:H') },
      ],
      2,
    );
    const index = await fetchNameIndex(ask);
    expect(index && !index.unchanged && [index.version, index.entries.map((e) => e.key)]).toEqual([
      8,
      keys(9, 'haringey:H'),
    ]);
  });

  it('gives up without an index when the background stops answering or answers pages that do not fit', async () => {
    const { ask } = background(4, [{ version: 7, keys: keys(10) }]);
    let calls = 0;
    expect(await fetchNameIndex(async (msg) => (++calls === 2 ? undefined : ask(msg)))).toBeUndefined();
    const empty: NameIndexAsk = async (msg) => ({
      version: 7,
      unchanged: false,
      entries: (msg.from ?? 0) === 0 ? [entry('camden:C0')] : [],
      from: msg.from ?? 0,
      total: 3,
    });
    expect(await fetchNameIndex(empty)).toBeUndefined();
  });
});
