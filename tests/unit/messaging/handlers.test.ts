import { describe, expect, it, vi } from 'vitest';
import { StaffRecord } from '../../../lib/domain';
import { unpackMatcher } from '../../../lib/match';
import { checkSender } from '../../../lib/messaging/handlers';
import { NAME_INDEX_PAGE, type ImportPreview, type ResponseMap } from '../../../lib/messaging/protocol';
import { fetchNameIndex } from '../../../lib/overlay/name-index-fetch';
import { CAMDEN_TUPE, CONTENT_SCRIPT, DASHBOARD, EXTENSION, makeHandlers, rows } from './helpers';

type StaffRecordAnswer = { record: { team?: string; jobTitle?: string } };

async function withPeople(h: ReturnType<typeof makeHandlers>, file: string) {
  const preview = (await h.ask({ type: 'previewImport', source: 'roster.csv', text: file })) as ImportPreview;
  return (await h.ask({ type: 'applyImport', id: preview.id })) as ResponseMap['applyImport'];
}

describe('sender checks', () => {
  it.each([
    ['getMatcher', true],
    ['loadOverlay', true],
    ['getNameIndex', true],
    ['getCard', true],
    ['pageReport', true],
    ['updatePerson', false],
    ['getRegister', false],
    ['wipeAll', false],
    ['loadDemoData', false],
    ['saveSettings', false],
  ] as const)('a content script may send %s: %s', (type, allowed) => {
    expect(checkSender(type, CONTENT_SCRIPT, EXTENSION) === undefined).toBe(allowed);
    expect(checkSender(type, DASHBOARD, EXTENSION)).toBeUndefined();
  });

  it('refuses other extensions, even for content-script requests', () => {
    expect(checkSender('getCard', { ...CONTENT_SCRIPT, id: 'someoneelse' }, EXTENSION)).toMatch(/other extensions/);
  });

  it('does not take a look-alike origin for our own', () => {
    const sneaky = { id: EXTENSION.id, url: `${EXTENSION.origin}.evil.example/options.html`, tab: { id: 3 } };
    expect(checkSender('updatePerson', sneaky, EXTENSION)).toMatch(/web page cannot/);
  });

  it('rejects a content script asking to change a person, and changes nothing', async () => {
    const h = makeHandlers();
    await withPeople(h, rows(['haringey', 'H1']));
    const r = await h.handlers.handle(
      { type: 'updatePerson', key: 'haringey:H1', patch: { team: 'X' } },
      CONTENT_SCRIPT,
    );
    expect(r).toEqual({ ok: false, error: 'A web page cannot ask for updatePerson.' });
    const person = (await h.ask({ type: 'getPerson', key: 'haringey:H1' })) as { record: { team?: string } };
    expect(person.record.team).toBeUndefined();
  });
});

describe('payload checks', () => {
  it.each([
    ['a missing type', {}],
    ['an unknown type', { type: 'dropTables' }],
    ['a query that is not text', { type: 'search', query: 42 }],
    ['a malformed staff key', { type: 'getPerson', key: 'camden 123' }],
    ['both a patch and a full record', { type: 'updatePerson', key: 'camden:1', patch: {}, record: {} }],
    ['a file given neither as text nor as base64', { type: 'previewImport', source: 'a.csv' }],
    ['an unknown conflict choice', { type: 'applyImport', id: 'p1', choices: { 'camden:1|team': 'both' } }],
    ['not an object at all', 'getRegister'],
  ])('rejects %s with a plain reason', async (_what, message) => {
    const h = makeHandlers();
    const r = await h.handlers.handle(message, DASHBOARD);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^(The request was not understood|Unknown request)/);
  });

  it('refuses patch fields the background owns and fields that do not exist', async () => {
    const h = makeHandlers();
    await withPeople(h, rows(['camden', 'C1']));
    for (const patch of [{ employeeNumber: 'C2' }, { history: [] }, { favouriteColour: 'red' }]) {
      const r = await h.handlers.handle({ type: 'updatePerson', key: 'camden:C1', patch }, DASHBOARD);
      expect(r.ok).toBe(false);
    }
  });
});

describe('import, edit, undo through messages', () => {
  it('previews, applies, edits with the user name from settings, and broadcasts each change', async () => {
    const h = makeHandlers();
    await h.ask({ type: 'saveSettings', settings: { userName: 'Asha Patel' } });
    const preview = (await h.ask({
      type: 'previewImport',
      source: 'roster.csv',
      base64: Buffer.from(rows(['haringey', 'H1'], ['islington', 'I1'])).toString('base64'),
    })) as ImportPreview;
    expect(preview.counts).toMatchObject({ rows: 2, added: 2 });
    expect(((await h.ask({ type: 'getPendingImports' })) as ImportPreview[]).map((p) => p.id)).toEqual([preview.id]);
    expect(await h.ask({ type: 'applyImport', id: preview.id })).toMatchObject({ version: 1 });
    expect(h.broadcast).toHaveBeenLastCalledWith({ type: 'registerChanged', version: 1 }, []);
    await expect(h.ask({ type: 'applyImport', id: preview.id })).rejects.toThrow(/no longer available/);

    const updated = (await h.ask({
      type: 'updatePerson',
      key: 'haringey:H1',
      patch: { tomFunction: 'common-infrastructure', tomTeam: 'Networks' },
    })) as ResponseMap['updatePerson'];
    expect(updated.version).toBe(2);
    expect(updated.record.history.map((e) => [e.by, e.field])).toEqual([
      ['Asha Patel', 'tomFunction'],
      ['Asha Patel', 'tomTeam'],
    ]);
    const register = (await h.ask({ type: 'getRegister' })) as ResponseMap['getRegister'];
    expect(register.version).toBe(2);
    expect(register.records.find((r) => r.employeeNumber === 'H1')?.tomTeam).toBe('Networks');

    const undo = (await h.ask({ type: 'previewUndo' })) as ResponseMap['previewUndo'];
    expect(undo?.editedSince).toEqual([
      { key: 'haringey:H1', name: 'Test Person H1', fields: ['tomFunction', 'tomTeam'] },
    ]);
    await h.ask({ type: 'undoLastImport' });
    expect(((await h.ask({ type: 'getRegister' })) as ResponseMap['getRegister']).records).toEqual([]);
  });

  it('gives the register in pages that add up to the whole, with damaged records on the first page only', async () => {
    const h = makeHandlers();
    await withPeople(
      h,
      rows(['haringey', 'H1'], ['haringey', 'H2'], ['islington', 'I1'], ['camden', 'C1'], ['camden', 'C2']),
    );
    const whole = (await h.ask({ type: 'getRegister' })) as ResponseMap['getRegister'];
    expect(whole.total).toBe(5);
    const pages = [];
    for (let offset = 0; offset < whole.total; offset += 2) {
      pages.push((await h.ask({ type: 'getRegister', offset, limit: 2 })) as ResponseMap['getRegister']);
    }
    expect(pages.map((p) => p.records.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.records)).toEqual(whole.records);
    expect(
      pages.every((p, i) => p.total === 5 && p.version === whole.version && (i === 0 || p.damaged.length === 0)),
    ).toBe(true);
  });

  it('answers an unreadable file with the reason and keeps nothing waiting', async () => {
    const h = makeHandlers();
    const r = await h.handlers.handle({ type: 'previewImport', source: 'a.csv', text: 'not json' }, DASHBOARD);
    expect(r).toEqual({ ok: false, error: 'The file is not in a format Transition Lens can read.' });
    expect(await h.ask({ type: 'getPendingImports' })).toEqual([]);
  });

  it('refuses to apply a preview made before a person was edited, keeping the edit', async () => {
    const h = makeHandlers();
    await withPeople(h, rows(['camden', 'C1']));
    const preview = (await h.ask({
      type: 'previewImport',
      source: 'roster.csv',
      text: rows(['camden', 'C1', { jobTitle: 'Analyst' }]),
    })) as ImportPreview;
    await h.ask({ type: 'updatePerson', key: 'camden:C1', patch: { team: 'Service Desk' } });
    const r = await h.handlers.handle({ type: 'applyImport', id: preview.id }, DASHBOARD);
    expect(r).toEqual({ ok: false, error: expect.stringContaining('The register changed after this preview') });
    const person = (await h.ask({ type: 'getPerson', key: 'camden:C1' })) as StaffRecordAnswer;
    expect(person.record.team).toBe('Service Desk');
    expect(person.record.jobTitle).toBeUndefined();
  });

  it('removes people explicitly and reports how many', async () => {
    const h = makeHandlers();
    await withPeople(h, rows(['camden', 'C1'], ['camden', 'C2']));
    expect(await h.ask({ type: 'removeRecords', keys: ['camden:C1', 'camden:C9'] })).toEqual({
      version: 2,
      removed: 1,
    });
  });
});

describe('content script requests', () => {
  it('builds the name index once per register version and says when it is unchanged', async () => {
    const h = makeHandlers();
    await withPeople(
      h,
      rows(['haringey', 'H1', { knownAs: 'Bea', emails: ['bea@haringey.example'], jobTitle: 'Analyst' }]),
    );
    const first = (await h.ask({ type: 'getNameIndex' }, CONTENT_SCRIPT)) as ResponseMap['getNameIndex'];
    expect(first).toMatchObject({
      unchanged: false,
      entries: [
        {
          key: 'haringey:H1',
          forename: 'Test',
          surname: 'Person H1',
          knownAs: 'Bea',
          otherSpellings: [],
          emails: ['bea@haringey.example'],
          employeeNumber: 'H1',
        },
      ],
    });
    const second = (await h.ask({ type: 'getNameIndex' }, CONTENT_SCRIPT)) as typeof first;
    // The same entries: built once for this version, not again per tab.
    expect('entries' in second && 'entries' in first && second.entries[0] === first.entries[0]).toBe(true);
    expect(await h.ask({ type: 'getNameIndex', knownVersion: first.version }, CONTENT_SCRIPT)).toEqual({
      version: first.version,
      unchanged: true,
    });
    // The tab that asked now hears about changes.
    await h.ask({ type: 'updatePerson', key: 'haringey:H1', patch: { team: 'Research' } });
    expect(h.broadcast).toHaveBeenLastCalledWith({ type: 'registerChanged', version: 2 }, [7]);
    // The edit is swapped into the cached register.
    const card = (await h.ask({ type: 'getCard', keys: ['haringey:H1'] }, CONTENT_SCRIPT)) as ResponseMap['getCard'];
    expect(card).toMatchObject({ version: 2, cards: [{ team: 'Research' }] });
    // Any change can move a badge's readiness mark, so the tab gets a new index with a new version.
    const third = (await h.ask({ type: 'getNameIndex', knownVersion: first.version }, CONTENT_SCRIPT)) as typeof first;
    expect(third.unchanged).toBe(false);
    expect(third.version).toBeGreaterThan(first.version);
    // A change of name builds a new index.
    await h.ask({ type: 'updatePerson', key: 'haringey:H1', patch: { knownAs: 'Bee' } });
    const fourth = (await h.ask({ type: 'getNameIndex', knownVersion: third.version }, CONTENT_SCRIPT)) as typeof first;
    expect('entries' in fourth && fourth.entries[0]?.knownAs).toBe('Bee');
    const found = (await h.ask({ type: 'search', query: 'bee' })) as ResponseMap['search'];
    expect(found.map((c) => c.key)).toEqual(['haringey:H1']);
  });

  it('sends the matcher built once with the index for a small register, and none for a large one', async () => {
    const h = makeHandlers();
    await withPeople(h, rows(['haringey', 'H1', { forename: 'Bea', surname: 'Okafor' }], ['camden', 'C1', {}]));
    const answer = (await h.ask({ type: 'getNameIndex' }, CONTENT_SCRIPT)) as ResponseMap['getNameIndex'];
    // Through JSON, as runtime messaging carries it to the tab.
    const sent = JSON.parse(JSON.stringify(answer)) as typeof answer;
    if (sent.unchanged || !sent.matcher) throw new Error('expected a packed matcher with the index');
    const matches = unpackMatcher(sent.matcher).findAll('Met Bea Okafor and Test Person C1 today');
    expect(matches.map((m) => m.keys)).toEqual([['haringey:H1'], ['camden:C1']]);

    const many = Array.from({ length: 2_001 }, (_, i) => ['camden', `L${i}`] as [string, string]);
    await withPeople(h, rows(...many));
    const large = (await h.ask({ type: 'getNameIndex' }, CONTENT_SCRIPT)) as ResponseMap['getNameIndex'];
    expect(!large.unchanged && large.entries.length).toBe(2_003);
    expect('matcher' in large).toBe(false);
  });

  it("gives the overlay's first stage the index version and the matcher, and no people", async () => {
    const h = makeHandlers();
    await withPeople(h, rows(['haringey', 'H1', { forename: 'Bea', surname: 'Okafor' }], ['camden', 'C1', {}]));
    const index = (await h.ask({ type: 'getNameIndex' }, CONTENT_SCRIPT)) as ResponseMap['getNameIndex'];
    const answer = (await h.ask({ type: 'getMatcher' }, CONTENT_SCRIPT)) as ResponseMap['getMatcher'];
    expect(answer.version).toBe(index.version);
    expect(Object.keys(answer).sort()).toEqual(['matcher', 'version']);
    // The same matcher, built once for the index, through JSON as runtime messaging carries it.
    if (index.unchanged) throw new Error('expected the index');
    expect(answer.matcher).toBe(index.matcher);
    const sent = JSON.parse(JSON.stringify(answer)) as typeof answer;
    if (!sent.matcher) throw new Error('expected a matcher');
    const matches = unpackMatcher(sent.matcher).findAll('Met Bea Okafor and Test Person C1 today');
    expect(matches.map((m) => m.keys)).toEqual([['haringey:H1'], ['camden:C1']]);
    // None for a register too large to send: the first stage then loads the whole overlay at once.
    // The whole overlay, loaded by the first stage, already holds this matcher: the index comes without it, unless
    // the register changed in between.
    const without = (await h.ask(
      { type: 'getNameIndex', matcherFor: answer.version },
      CONTENT_SCRIPT,
    )) as ResponseMap['getNameIndex'];
    expect(!without.unchanged && without.entries.length).toBe(2);
    expect('matcher' in without).toBe(false);
    const stale = (await h.ask(
      { type: 'getNameIndex', matcherFor: answer.version - 1 },
      CONTENT_SCRIPT,
    )) as ResponseMap['getNameIndex'];
    expect(!stale.unchanged && stale.matcher).toBe(answer.matcher);
    const many = Array.from({ length: 2_001 }, (_, i) => ['camden', `L${i}`] as [string, string]);
    await withPeople(h, rows(...many));
    const large = (await h.ask({ type: 'getMatcher' }, CONTENT_SCRIPT)) as ResponseMap['getMatcher'];
    expect('matcher' in large).toBe(false);
  });

  it('puts the whole overlay into the asking frame, only for a page in a tab', async () => {
    const loadOverlay = vi.fn(async (target: { url: string }) => target.url.startsWith('https://intranet.example/'));
    const h = makeHandlers({ loadOverlay });
    const sender = { id: EXTENSION.id, url: 'https://intranet.example/people', tab: { id: 7 }, frameId: 4 };
    expect(await h.ask({ type: 'loadOverlay' }, sender)).toEqual({ loaded: true });
    expect(loadOverlay).toHaveBeenCalledWith({ tabId: 7, frameId: 4, url: 'https://intranet.example/people' });
    // The background says no for a page whose site is not switched on.
    const elsewhere = { ...sender, url: 'https://news.example/' };
    expect(await h.ask({ type: 'loadOverlay' }, elsewhere)).toEqual({ loaded: false });
    const noTab = await h.handlers.handle({ type: 'loadOverlay' }, { id: EXTENSION.id, url: sender.url });
    expect(noTab).toEqual({ ok: false, error: 'Only a page in a tab can ask for the overlay.' });
    expect(loadOverlay).toHaveBeenCalledTimes(2);
  });

  it('sends a large index in pages that fit together, the matcher with none of them', async () => {
    const h = makeHandlers();
    const many = Array.from({ length: NAME_INDEX_PAGE + 203 }, (_, i) => ['camden', `P${i}`] as [string, string]);
    await withPeople(h, rows(...many));
    const first = (await h.ask({ type: 'getNameIndex' }, CONTENT_SCRIPT)) as ResponseMap['getNameIndex'];
    if (first.unchanged) throw new Error('expected entries');
    expect([first.from, first.entries.length, first.total, 'matcher' in first]).toEqual([
      0,
      NAME_INDEX_PAGE,
      NAME_INDEX_PAGE + 203,
      false,
    ]);
    const rest = (await h.ask(
      { type: 'getNameIndex', from: NAME_INDEX_PAGE },
      CONTENT_SCRIPT,
    )) as ResponseMap['getNameIndex'];
    if (rest.unchanged) throw new Error('expected entries');
    expect([rest.version, rest.from, rest.entries.length]).toEqual([first.version, NAME_INDEX_PAGE, 203]);
    // What a tab does: every page fetched and joined, each person once, in the index's order.
    const fetched = await fetchNameIndex(
      async (msg) => ((await h.ask(msg, CONTENT_SCRIPT)) as ResponseMap['getNameIndex']) ?? undefined,
    );
    if (!fetched || fetched.unchanged) throw new Error('expected the whole index');
    expect(fetched.entries.map((e) => e.key)).toEqual([...first.entries, ...rest.entries].map((e) => e.key));
    expect(new Set(fetched.entries.map((e) => e.key)).size).toBe(NAME_INDEX_PAGE + 203);
  });

  it('gives each name index entry its readiness under the active plan, and a new index when the plan changes', async () => {
    const h = makeHandlers();
    await withPeople(
      h,
      rows(['haringey', 'H1', { transfers: [{ planId: 'camden-tupe', scope: 'in-scope' }] }], ['camden', 'C1', {}]),
    );
    const none = (await h.ask({ type: 'getNameIndex' }, CONTENT_SCRIPT)) as ResponseMap['getNameIndex'];
    expect('entries' in none && none.entries.every((e) => e.readiness === undefined)).toBe(true);
    await h.ask({
      type: 'saveSettings',
      settings: { plans: [CAMDEN_TUPE], activePlanId: 'camden-tupe', demoToday: '2018-02-23' },
    });
    const withPlan = (await h.ask({ type: 'getNameIndex', knownVersion: none.version }, CONTENT_SCRIPT)) as typeof none;
    expect(withPlan.unchanged).toBe(false);
    const states = 'entries' in withPlan ? Object.fromEntries(withPlan.entries.map((e) => [e.key, e.readiness])) : {};
    // Nothing done yet and employee liability information due in 9 days (under the 14-day threshold): at risk.
    expect(states).toEqual({ 'camden:C1': 'not-applicable', 'haringey:H1': 'at-risk' });
  });

  it('gives cards with the five facts for known keys and lists the unknown ones', async () => {
    const h = makeHandlers();
    await h.ask({
      type: 'saveSettings',
      settings: {
        plans: [CAMDEN_TUPE],
        demoToday: '2018-02-23',
      },
    });
    await withPeople(
      h,
      rows(
        [
          'haringey',
          'H1',
          { tomFunction: 'digital-change', transfers: [{ planId: 'camden-tupe', scope: 'in-scope' }] },
        ],
        ['camden', 'C1'],
      ),
    );
    const r = (await h.ask(
      { type: 'getCard', keys: ['haringey:H1', 'camden:C1', 'islington:I404'] },
      CONTENT_SCRIPT,
    )) as ResponseMap['getCard'];
    expect(r.missing).toEqual(['islington:I404']);
    const [h1, c1] = r.cards;
    expect(h1).toMatchObject({
      council: 'haringey',
      s113: { status: 'not-issued' },
      transfer: { text: 'Transfers to Camden on 1 April 2018 (TUPE)', scope: 'in-scope' },
      tom: { function: 'digital-change', functionName: 'Digital Change' },
      pension: { applicable: 12, done: 0 },
      // demoToday 23 February: the ELI deadline (4 March) is 9 days away, under the default 14.
      readiness: { state: 'at-risk' },
    });
    expect(c1).toMatchObject({
      transfer: { text: 'No transfer: Camden is the host employer' },
      pension: { applicable: 7 },
      readiness: { state: 'not-applicable' },
    });
  });

  it('keeps the people a tab reported for the side panel', async () => {
    const h = makeHandlers();
    await withPeople(h, rows(['camden', 'C1']));
    await h.ask(
      { type: 'pageReport', url: 'https://intranet.example/people', keys: ['camden:C1', 'camden:C1'] },
      CONTENT_SCRIPT,
    );
    const page = (await h.ask({ type: 'getPagePeople', tabId: 7 })) as ResponseMap['getPagePeople'];
    expect(page).toMatchObject({
      url: 'https://intranet.example/people',
      keys: ['camden:C1'],
      cards: [{ key: 'camden:C1' }],
    });
    h.handlers.forgetTab(7);
    expect(await h.ask({ type: 'getPagePeople', tabId: 7 })).toBeNull();
  });
});

describe('search and summary', () => {
  it('finds people by name, e-mail and employee number, best match first', async () => {
    const h = makeHandlers();
    await withPeople(
      h,
      rows(
        ['camden', 'C1', { forename: 'Ann', surname: 'Okafor', emails: ['ann.okafor@camden.example'] }],
        ['islington', 'I2', { forename: 'Joanna', surname: 'Annan' }],
        ['haringey', 'H3', { forename: 'Bea', surname: 'Lee', knownAs: 'Bee' }],
      ),
    );
    const names = async (query: string) =>
      ((await h.ask({ type: 'search', query })) as ResponseMap['search']).map((c) => c.name);
    expect(await names('ann')).toEqual(['Ann Okafor', 'Joanna Annan']);
    expect(await names('H3')).toEqual(['Bee Lee']);
    expect(await names('ann.okafor@camden.example')).toEqual(['Ann Okafor']);
    expect(await names('jo an')).toEqual(['Joanna Annan']);
    expect(await names('  ')).toEqual([]);
  });

  it('counts people by council and readiness for the popup', async () => {
    const h = makeHandlers();
    await withPeople(h, rows(['camden', 'C1'], ['haringey', 'H1', { inLatestRoster: false }]));
    const s = (await h.ask({ type: 'getSummary' })) as ResponseMap['getSummary'];
    expect(s).toMatchObject({
      version: 1,
      total: 2,
      damaged: 0,
      notInLatestRoster: 1,
      byCouncil: { camden: 1, haringey: 1, islington: 0 },
      readiness: { 'not-applicable': 2 },
      lastImport: { source: 'roster.csv' },
      pendingImports: 0,
    });
  });
});

describe('demo data and wiping', () => {
  it('loads the packaged demo file through the normal import and sets the demo settings', async () => {
    const h = makeHandlers();
    h.deps.fetch = async (url) =>
      url === `${EXTENSION.origin}/demo/staff.csv`
        ? new Response(rows(['camden', 'C1'], ['haringey', 'H1']))
        : new Response('', { status: 404 });
    // createHandlers took the deps object, so swapping fetch on it is seen.
    expect(await h.ask({ type: 'loadDemoData' })).toEqual({ version: 1, records: 2 });
    const s = (await h.ask({ type: 'getSettings' })) as ResponseMap['getSettings'];
    expect(s).toMatchObject({ userName: 'Demo HR officer', atRiskDays: 10, demoToday: '2018-02-23' });
    expect(h.onSettingsChanged).toHaveBeenCalledWith(s);
    expect(await h.ask({ type: 'getImportHistory' })).toMatchObject([{ source: 'Demo data (fictional people)' }]);
  });

  it('wipes everything in one step', async () => {
    const h = makeHandlers();
    await withPeople(h, rows(['camden', 'C1']));
    await h.ask({ type: 'saveSettings', settings: { userName: 'Asha Patel' } });
    expect(await h.ask({ type: 'wipeAll' })).toEqual({ version: 2 });
    expect(await h.ask({ type: 'getRegister' })).toEqual({ version: 2, total: 0, records: [], damaged: [] });
    expect(((await h.ask({ type: 'getSettings' })) as ResponseMap['getSettings']).userName).toBe('');
  });
});

describe('an import written by the Import page itself', () => {
  it('registerWritten drops the cached register, reads the version from the store and tells views and tabs', async () => {
    const h = makeHandlers();
    await withPeople(h, rows(['camden', 'C1']));
    expect(((await h.ask({ type: 'getRegister' })) as ResponseMap['getRegister']).total).toBe(1);
    // The page writes through lib/store in its own connection, as import-in-page.ts does.
    const written = await h.staff.applyImport({
      put: [StaffRecord.parse({ council: 'camden', employeeNumber: 'C2' })],
      source: 'File: page.csv',
      counts: { rows: 1, added: 1, changed: 0, unchanged: 0, notInRoster: 0, invalid: 0, conflicts: 0 },
    });
    const r = (await h.ask({ type: 'registerWritten' })) as ResponseMap['registerWritten'];
    expect(r.version).toBe(written.version);
    expect(h.broadcast).toHaveBeenLastCalledWith({ type: 'registerChanged', version: written.version }, []);
    const after = (await h.ask({ type: 'getRegister' })) as ResponseMap['getRegister'];
    expect(after.records.map((p) => p.employeeNumber).sort()).toEqual(['C1', 'C2']);
    expect((await h.handlers.handle({ type: 'registerWritten' }, CONTENT_SCRIPT)).ok).toBe(false);
  });

  it('sees a write whose page closed before saying registerWritten, at the next request', async () => {
    const h = makeHandlers();
    await withPeople(h, rows(['camden', 'C1']));
    const index = (await h.ask({ type: 'getNameIndex' }, CONTENT_SCRIPT)) as ResponseMap['getNameIndex'];
    const written = await h.staff.applyImport({
      put: [StaffRecord.parse({ council: 'camden', employeeNumber: 'C2', forename: 'Ada', surname: 'Obi' })],
      source: 'File: page.csv',
      counts: { rows: 1, added: 1, changed: 0, unchanged: 0, notInRoster: 0, invalid: 0, conflicts: 0 },
    });
    // No registerWritten: the next request finds the stored version moved on and reads the register again.
    const after = (await h.ask({ type: 'getRegister' })) as ResponseMap['getRegister'];
    expect(after.version).toBe(written.version);
    expect(after.records.map((p) => p.employeeNumber).sort()).toEqual(['C1', 'C2']);
    // Tabs that showed the old names are told, and get the new index.
    expect(h.broadcast).toHaveBeenLastCalledWith({ type: 'registerChanged', version: written.version }, [7]);
    const next = (await h.ask(
      { type: 'getNameIndex', knownVersion: index.version },
      CONTENT_SCRIPT,
    )) as ResponseMap['getNameIndex'];
    expect(!next.unchanged && next.entries.map((e) => e.employeeNumber).sort()).toEqual(['C1', 'C2']);
  });
});
