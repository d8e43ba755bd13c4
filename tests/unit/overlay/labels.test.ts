import { describe, expect, it } from 'vitest';
import { COUNCILS, councilLetter, councilName, readinessName, type ReadinessState } from '@/lib/domain';
import {
  OVERLAY_COUNCILS,
  councilOfKey,
  describeBadge,
  overlayCouncilLetter,
  overlayCouncilName,
  readinessMark,
  readinessPhrase,
  type OverlayPerson,
} from '@/lib/overlay/labels';
import { isOverlayMessage } from '@/lib/overlay/overlay-messages';

const zoe: OverlayPerson = { key: 'haringey:1234', name: 'Zoë Müller', council: 'haringey', readiness: 'at-risk' };

describe('overlay labels', () => {
  it('agree with lib/domain, which the content script cannot import (zod)', () => {
    expect(OVERLAY_COUNCILS).toEqual(COUNCILS);
    expect(overlayCouncilName).toEqual(councilName);
    expect(overlayCouncilLetter).toEqual(councilLetter);
    expect(Object.keys(readinessMark).sort()).toEqual(Object.keys(readinessName).sort());
    for (const state of Object.keys(readinessName) as ReadinessState[]) {
      expect(readinessPhrase[state].length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['haringey:1234', 'haringey'],
    ['camden:A-77', 'camden'],
    ['islington:9', 'islington'],
    ['hackney:1', undefined],
    ['camden', undefined],
    ['', undefined],
  ])('councilOfKey(%j) is %j', (key, council) => {
    expect(councilOfKey(key)).toBe(council);
  });

  it('describes one person with council letter, council name, mark and an accessible name', () => {
    expect(describeBadge(['haringey:1234'], [zoe])).toEqual({
      keys: ['haringey:1234'],
      letter: 'H',
      text: 'Haringey',
      mark: '!',
      tone: 'haringey',
      ariaLabel: 'Zoë Müller, Haringey, at risk: show details',
    });
  });

  it('leaves the mark out when the index does not say how ready the person is', () => {
    const info = describeBadge(['camden:1'], [{ key: 'camden:1', name: 'Ann Lee', council: 'camden' }]);
    expect(info.mark).toBe('');
    expect(info.ariaLabel).toBe('Ann Lee, Camden: show details');
  });

  it('describes an ambiguous name by its candidates, with "?" when they are in different councils', () => {
    const other: OverlayPerson = { key: 'islington:77', name: 'Zoë Müller', council: 'islington', readiness: 'ready' };
    const info = describeBadge(['haringey:1234', 'islington:77'], [zoe, other]);
    expect(info).toMatchObject({ letter: '?', text: '2 people', mark: '', tone: 'several' });
    expect(info.ariaLabel).toBe('2 people named Zoë Müller, Haringey and Islington: show details');
    const same = describeBadge(['haringey:1234', 'haringey:5'], [zoe, { ...zoe, key: 'haringey:5' }]);
    expect(same).toMatchObject({ letter: 'H', mark: '!', tone: 'haringey' });
  });
});

describe('isOverlayMessage', () => {
  it.each<[unknown, boolean]>([
    [{ type: 'tl:peopleOnPage' }, true],
    [{ type: 'tl:overlayStop' }, true],
    [{ type: 'tl:reveal', keys: ['haringey:1234'] }, true],
    [{ type: 'tl:reveal', keys: [] }, false],
    [{ type: 'tl:reveal', keys: ['<img src=x>'] }, false],
    [{ type: 'tl:cardClose', card: 'abc' }, true],
    [{ type: 'tl:cardClose' }, false],
    [{ type: 'tl:cardSize', card: 'abc', height: 240 }, true],
    [{ type: 'tl:cardSize', card: 'abc', height: Number.NaN }, false],
    [{ type: 'registerChanged', version: 3 }, true],
    [{ type: 'registerChanged', version: '3' }, false],
    [{ type: 'getCard', keys: ['haringey:1234'] }, false],
    [null, false],
    ['tl:overlayStop', false],
  ])('%j → %j', (message, ok) => {
    expect(isOverlayMessage(message)).toBe(ok);
  });
});
