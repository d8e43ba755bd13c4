import { describe, expect, it } from 'vitest';
import { StaffRecord } from '../../../lib/domain';
import { displayValue, fieldLabel, getField, pruneEmpty, setField } from '../../../lib/register/field-path';

const r = StaffRecord.parse({
  council: 'islington',
  employeeNumber: 'I1',
  s113: { placed: true, noticeIssued: '2016-10-01' },
  transfers: [{ planId: 'fwd', scope: 'in-scope', eliSent: { identity: '2018-01-02' } }],
  pension: { items: { mccloud: { state: 'done' } } },
});

describe('getField / setField', () => {
  it.each([
    ['council', 'islington'],
    ['s113.noticeIssued', '2016-10-01'],
    ['transfers.fwd.scope', 'in-scope'],
    ['transfers.fwd.eliSent.identity', '2018-01-02'],
    ['transfers.back.scope', undefined],
    ['pension.items.mccloud.state', 'done'],
    ['pension.items.avcs.state', undefined],
    ['nothing.here', undefined],
  ])('%s → %s', (path, value) => {
    expect(getField(r, path)).toBe(value);
  });

  it('sets into a copy, creating a transfer for a new plan, and removes with undefined', () => {
    const next = setField(setField(r, 'transfers.back.scope', 'under-review'), 's113.noticeIssued', undefined);
    expect(getField(next, 'transfers.back.scope')).toBe('under-review');
    expect(next.s113).toEqual({ placed: true });
    expect(r.s113.noticeIssued).toBe('2016-10-01');
    expect(setField(r, 'transfers.none.scope', undefined)).toBe(r);
  });

  it('prunes transfers and pension items left empty', () => {
    let bare = setField(r, 'pension.items.mccloud.state', undefined);
    for (const f of ['scope', 'assignment', 'affected', 'representation', 'outcome', 'eliSent.identity']) {
      bare = setField(bare, `transfers.fwd.${f}`, undefined);
    }
    expect(pruneEmpty(setField(bare, 'transfers.fwd.affected', true)).transfers).toHaveLength(1);
    const pruned = pruneEmpty(bare) as { transfers: unknown[]; pension: { items: object } };
    expect(pruned.transfers).toEqual([]);
    expect(pruned.pension.items).toEqual({});
  });
});

describe('fieldLabel and displayValue', () => {
  it.each([
    ['team', 'Team'],
    ['s113.noticeIssued', 'Section 113 notice issued'],
    ['transfers.fwd.scope', 'TUPE fwd: scope'],
    ['transfers.fwd.eliSent.identity', 'TUPE fwd: ELI identity sent'],
    ['pension.items.mccloud.state', 'Pension: McCloud'],
    ['pension.items.mccloud.date', 'Pension: McCloud date'],
    ['inLatestRoster', 'In the latest file'],
  ])('%s is labelled %s', (path, label) => {
    expect(fieldLabel(path)).toBe(label);
  });

  it.each([
    ['council', 'islington', 'Islington'],
    ['tomFunction', 'strategy-architecture', 'Strategy & Architecture'],
    ['transfers.fwd.scope', 'not-in-scope', 'Not in scope'],
    ['transfers.fwd.representation', 'unison', 'UNISON'],
    ['pension.items.avcs.state', 'not-applicable', 'Not applicable'],
    ['vacant', true, 'Yes'],
    ['emails', ['a@x.uk', 'b@x.uk'], 'a@x.uk; b@x.uk'],
    ['fte', 0.5, '0.5'],
    ['jobTitle', undefined, ''],
  ])('%s %j shows as %s', (path, value, shown) => {
    expect(displayValue(path, value)).toBe(shown);
  });
});
