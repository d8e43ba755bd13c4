/**
 * The name index from the background, page by page (the background answers NAME_INDEX_PAGE entries at a time so a
 * tab never turns one huge answer into objects in a single task). Type-only imports: this runs in the content
 * script, which must stay free of zod.
 */
import type { NameIndexEntry, ResponseMap } from '../messaging/protocol';
import type { PackedMatcher } from '../match';

export type NameIndexAsk = (msg: {
  type: 'getNameIndex';
  knownVersion?: number;
  from?: number;
  matcherFor?: number;
}) => Promise<ResponseMap['getNameIndex'] | undefined>;

export type FetchedNameIndex =
  | { version: number; unchanged: true }
  | { version: number; unchanged: false; entries: NameIndexEntry[]; matcher?: PackedMatcher };

/** A new index version while the pages were being fetched: start again, this many times at most. */
const ATTEMPTS = 3;

/**
 * All entries of the current name index, or `unchanged` when the tab already has `knownVersion`. Undefined when the
 * background does not answer (worker restarting, extension reloaded) or its answers do not fit together. With
 * `matcherFor`, the tab already holds that index version's matcher: the answer leaves it out if it is current.
 */
export async function fetchNameIndex(
  ask: NameIndexAsk,
  knownVersion?: number,
  matcherFor?: number,
): Promise<FetchedNameIndex | undefined> {
  attempts: for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const first = await ask({
      type: 'getNameIndex',
      ...(knownVersion === undefined ? {} : { knownVersion }),
      ...(matcherFor === undefined ? {} : { matcherFor }),
    });
    if (!first) return undefined;
    if (first.unchanged) return first;
    const entries = first.entries.slice();
    while (entries.length < first.total) {
      const next = await ask({ type: 'getNameIndex', from: entries.length });
      if (!next || next.unchanged) return undefined;
      // The register changed meanwhile: the pages so far belong to the old index.
      if (next.version !== first.version) continue attempts;
      if (next.from !== entries.length || next.entries.length === 0) return undefined;
      for (const entry of next.entries) entries.push(entry);
    }
    return {
      version: first.version,
      unchanged: false,
      entries,
      ...(first.matcher ? { matcher: first.matcher } : {}),
    };
  }
  return undefined;
}
