import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Counts, EmptyRegister, Result } from '../../../entrypoints/popup/App';
import { card, summary as makeSummary } from './fixtures';

const summary = makeSummary();

describe('popup views', () => {
  it('shows ready, at risk and blocked counts with the plan date', () => {
    const html = renderToStaticMarkup(<Counts summary={summary} />);
    expect(html).toContain('Delegation to Camden: transfer on 1 April 2018');
    expect(html).toMatch(/120<\/span> <span class="count-label">Ready/);
    expect(html).toMatch(/35<\/span> <span class="count-label">At risk/);
    expect(html).toMatch(/105<\/span> <span class="count-label">Blocked/);
    expect(html).toContain('<span class="visually-hidden">: show in the register</span>');
    expect(html).toContain('460 people in the register, 2 not in the latest roster');
  });

  it('shows a person with the five facts, readiness and blockers, and a labelled button', () => {
    const html = renderToStaticMarkup(<Result card={card()} />);
    expect(html).toContain('Testy McExample');
    expect(html).toContain('Haringey H01234');
    expect(html).toContain('<dt>Section 113</dt><dd>Section 113 confirmed as continuing</dd>');
    expect(html).toContain('Blocked');
    expect(html).toContain('<li>Pension checklist: 2 items to do</li>');
    expect(html).toContain('Open Testy McExample’s record');
  });

  it('offers demo data, labelled as fictional, when the register is empty', () => {
    const html = renderToStaticMarkup(<EmptyRegister onLoaded={async () => {}} />);
    expect(html).toContain('Load demo data');
    expect(html).toMatch(/aria-describedby="demo-note"/);
    expect(html).toContain('Demo data is fictional');
  });
});
