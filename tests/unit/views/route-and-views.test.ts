import { describe, expect, it } from 'vitest';
import { StaffRecord } from '../../../lib/domain';
import { changedFields, ensureTransfer, setField, validateDraft } from '../../../lib/views/person-draft';
import { parseRoute, personHref } from '../../../lib/views/route';
import { parseSavedViews, removeSavedView, upsertSavedView } from '../../../lib/views/saved-views';

describe('hash routes', () => {
  it.each([
    ['', 'register'],
    ['#/', 'register'],
    ['#/register?council=haringey&readiness=blocked', 'register'],
    ['#/readiness', 'readiness'],
    ['#/teams?root=camden%3AC1', 'teams'],
    ['#/consultation', 'consultation'],
    ['#/import', 'import'],
    ['#/settings', 'settings'],
    ['#/nowhere', 'not-found'],
  ])('%j is the %s page', (hash, page) => expect(parseRoute(hash).page).toBe(page));

  it('keeps the register’s query', () => {
    const r = parseRoute('#/register?council=haringey&readiness=blocked');
    expect(r.page === 'register' && r.params.get('council')).toBe('haringey');
  });

  it('round-trips a person key, whatever characters the employee number has', () => {
    const key = 'islington:A/B#1?x';
    expect(parseRoute(personHref(key))).toEqual({ page: 'person', key });
    expect(parseRoute('#/person/').page).toBe('not-found');
  });
});

describe('saved views', () => {
  it('reads stored views and drops damaged ones', () => {
    const json = JSON.stringify([
      { name: 'Haringey blocked', hash: '#/register?council=haringey&readiness=blocked' },
      { name: '', hash: '#/register' },
      { name: 'Elsewhere', hash: '#/settings' },
      'junk',
    ]);
    expect(parseSavedViews(json)).toEqual([
      { name: 'Haringey blocked', hash: '#/register?council=haringey&readiness=blocked' },
    ]);
    expect(parseSavedViews('{not json')).toEqual([]);
    expect(parseSavedViews(null)).toEqual([]);
  });
  it('replaces a view of the same name and keeps them sorted', () => {
    let v = upsertSavedView([], { name: 'Zed', hash: '#/register' });
    v = upsertSavedView(v, { name: 'Alpha', hash: '#/register?q=a' });
    v = upsertSavedView(v, { name: 'zed', hash: '#/register?q=z' });
    expect(v).toEqual([
      { name: 'Alpha', hash: '#/register?q=a' },
      { name: 'zed', hash: '#/register?q=z' },
    ]);
    expect(removeSavedView(v, 'Alpha')).toEqual([{ name: 'zed', hash: '#/register?q=z' }]);
  });
});

describe('person draft', () => {
  const base = StaffRecord.parse({ council: 'haringey', employeeNumber: 'H1', surname: 'Able' });

  it('sets nested fields immutably and removes emptied ones', () => {
    const d1 = setField(base, ['s113', 'noticeIssued'], '2016-10-01');
    expect(d1.s113.noticeIssued).toBe('2016-10-01');
    expect(base.s113.noticeIssued).toBeUndefined();
    const d2 = setField(d1, ['s113', 'noticeIssued'], '');
    expect('noticeIssued' in d2.s113).toBe(false);
    const d3 = setField(base, ['pension', 'items', 'mccloud', 'state'], 'done');
    expect(d3.pension.items.mccloud).toEqual({ state: 'done' });
  });

  it('starts a transfer entry for a plan when first edited', () => {
    const { draft, index } = ensureTransfer(base, 'camden-tupe');
    expect(index).toBe(0);
    expect(draft.transfers[0]).toMatchObject({ planId: 'camden-tupe', scope: 'under-review' });
    expect(ensureTransfer(draft, 'camden-tupe').draft).toBe(draft);
  });

  it('reports schema errors by field path while the user types', () => {
    const { draft, index } = ensureTransfer(base, 'p');
    const typing = setField(draft, ['transfers', index, 'eliSent', 'identity'], '2018-03-');
    const check = validateDraft(typing);
    expect(check.record).toBeUndefined();
    expect(check.errors).toEqual({ 'transfers.0.eliSent.identity': 'Use a date like 2018-04-01' });
    const done = validateDraft(setField(typing, ['transfers', index, 'eliSent', 'identity'], '2018-03-01'));
    expect(done.errors).toEqual({});
    expect(done.record?.transfers[0]?.eliSent.identity).toBe('2018-03-01');
  });

  it('checks rules between fields', () => {
    let d = ensureTransfer(base, 'p').draft;
    d = setField(d, ['transfers', 0, 'objectionWithdrawn'], '2018-02-01');
    expect(validateDraft(d).errors['transfers.0.objectionWithdrawn']).toBe('Enter the date of the objection first');
    d = setField(d, ['transfers', 0, 'objection'], '2018-02-10');
    expect(validateDraft(d).errors['transfers.0.objectionWithdrawn']).toBe(
      'The withdrawal must be on or after the objection',
    );
    d = setField(d, ['transfers', 0, 'outcome'], 'transferred');
    expect(validateDraft(d).errors['transfers.0.outcomeDate']).toBe('Enter the date the transfer took effect');
    const s = setField(setField(base, ['s113', 'noticeIssued'], '2017-01-01'), ['s113', 'ended'], '2016-01-01');
    expect(validateDraft(s).errors['s113.ended']).toBe('The placement cannot end before the notice was issued');
  });

  it('names the changed top-level fields', () => {
    const after = validateDraft(setField(base, ['tomFunction'], 'digital-change')).record!;
    expect(changedFields(base, after)).toEqual(['tomFunction']);
  });
});
