import { describe, expect, it } from 'vitest';
import { buildIntranetPage, generateDemoStaff } from '../../../lib/demo';
import { keyOf } from '../../../lib/domain';
import { buildMatcher, type MatchPerson } from '../../../lib/match';

/** Text content of the demo page, roughly as a TreeWalker over its text nodes would see it. */
function pageText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('the demo intranet page', () => {
  const staff = generateDemoStaff();
  const people: MatchPerson[] = staff
    .filter((r) => !r.vacant)
    .map((r) => ({
      key: keyOf(r),
      forename: r.forename,
      surname: r.surname,
      knownAs: r.knownAs,
      otherSpellings: r.otherSpellings,
      emails: r.emails,
      employeeNumber: r.employeeNumber,
    }));
  const page = buildIntranetPage(staff);
  const text = pageText(page.html);
  const found = buildMatcher(people)
    .findAll(text)
    .map((m) => ({ text: text.slice(m.start, m.end).replace(/\s+/g, ' '), keys: [...m.keys], kind: m.kind }));

  it('has every mention found, with the right people and form, and nothing else', () => {
    const expected = page.mentions.map((m) => ({ text: m.text, keys: [...m.keys].sort(), kind: m.kind }));
    const id = (m: { text: string; keys: string[]; kind: string }) => `${m.text}|${m.keys.join(',')}|${m.kind}`;
    const order = (a: (typeof found)[number], b: (typeof found)[number]) =>
      id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
    expect(found.length).toBeGreaterThan(0);
    expect([...found].sort(order)).toEqual(expected.sort(order));
  });

  it('matches none of the look-alike words', () => {
    expect(page.mustNotMatch.length).toBeGreaterThan(0);
    for (const word of page.mustNotMatch) expect(found.map((f) => f.text)).not.toContain(word);
  });
});
