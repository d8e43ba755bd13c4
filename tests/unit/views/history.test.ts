import { describe, expect, it } from 'vitest';
import { historyChanges } from '../../../lib/views/history';

const at = '2026-11-29T19:46:00Z';

describe('history changes in words', () => {
  it('shows a plain field as it is', () => {
    expect(historyChanges({ at, by: 'HR', field: 'tomTeam', from: 'Networks', to: 'Research' })).toEqual([
      { what: 'TOM team', from: 'Networks', to: 'Research' },
    ]);
    expect(historyChanges({ at, by: 'HR', field: 'record', to: 'Added from the file' })).toEqual([
      { what: 'record', from: '(empty)', to: 'Added from the file' },
    ]);
  });

  it('picks out the changed values of a whole nested field, naming transfers by plan', () => {
    const before = [{ planId: 'camden-tupe', assignment: 'disputed', eliSent: { identity: '2018-02-21' } }];
    const after = [
      { planId: 'camden-tupe', assignment: 'assigned', eliSent: { identity: '2018-02-21', claims: '2018-02-22' } },
    ];
    expect(
      historyChanges({ at, by: 'HR', field: 'transfers', from: JSON.stringify(before), to: JSON.stringify(after) }),
    ).toEqual([
      { what: 'Transfer › camden-tupe › assignment', from: 'disputed', to: 'assigned' },
      { what: 'Transfer › camden-tupe › ELI › claims', from: '(empty)', to: '2018-02-22' },
    ]);
  });

  it('handles a nested field that appears for the first time, and text that only looks like JSON', () => {
    expect(
      historyChanges({ at, by: 'HR', field: 's113', to: JSON.stringify({ placed: true, noticeIssued: '2016-10-01' }) }),
    ).toEqual([
      { what: 'Section 113 › placed', from: '(empty)', to: 'yes' },
      { what: 'Section 113 › notice issued', from: '(empty)', to: '2016-10-01' },
    ]);
    expect(historyChanges({ at, by: 'HR', field: 'team', from: '[draft', to: 'Web' })).toEqual([
      { what: 'team', from: '[draft', to: 'Web' },
    ]);
  });
});

describe('historyChanges for a pension item edited in the extension', () => {
  it('names the item and says the state in words', () => {
    expect(
      historyChanges({
        at: '2018-02-23T10:00:00.000Z',
        by: 'Asha Patel',
        field: 'pension.items.ill-health.state',
        to: 'done',
      }),
    ).toEqual([
      {
        what: 'Pension › Ill-health: pending application or long-term absence flagged',
        from: '(empty)',
        to: 'Done',
      },
    ]);
  });
});
