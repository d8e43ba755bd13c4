import { describe, expect, it } from 'vitest';
import { buildIntranetPage, generateDemoStaff, peopleWithForm } from '../../../lib/demo';
import { keyOf } from '../../../lib/domain';

const records = generateDemoStaff();
const page = buildIntranetPage(records);
/** What a reader sees: tags dropped, entities decoded, white space collapsed. */
const visibleText = page.html
  .replace(/<style[\s\S]*?<\/style>/g, ' ')
  .replace(/<[^>]+>/g, ' ')
  .replace(/&quot;/g, '"')
  .replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>')
  .replace(/&amp;/g, '&')
  .replace(/\s+/g, ' ');

describe('demo intranet page', { timeout: 30_000 }, () => {
  it('says at the top that it is fictional demo data', () => {
    expect(visibleText.indexOf('Fictional demo data')).toBeGreaterThan(-1);
    expect(visibleText.indexOf('Fictional demo data')).toBeLessThan(200);
  });

  it('is self-contained: no external resources, scripts or inline event handlers', () => {
    expect(page.html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(page.html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(page.html).not.toMatch(/(src|href)="(?!mailto:)/i);
  });

  it('names about 40 demo staff in many forms, each mention present on the page', () => {
    const people = new Set(page.mentions.flatMap((m) => m.keys));
    expect(people.size).toBeGreaterThanOrEqual(35);
    expect(people.size).toBeLessThanOrEqual(45);
    for (const m of page.mentions) expect(visibleText, m.text).toContain(m.text);
    const kinds = new Set(page.mentions.map((m) => m.kind));
    for (const k of ['full-name', 'known-as', 'surname-first', 'initial', 'email', 'employee-number']) {
      expect(kinds.has(k as never), k).toBe(true);
    }
    expect(page.mentions.some((m) => m.text.includes('’'))).toBe(true);
    expect(page.mentions.some((m) => /^[A-Z'’ -]+, /.test(m.text))).toBe(true);
  });

  it('lists the ambiguous John Smith with both staff keys and every other mention with exactly one', () => {
    const john = page.mentions.filter((m) => m.text === 'John Smith');
    expect(john).toHaveLength(1);
    const johns = records.filter((r) => r.forename === 'John' && r.surname === 'Smith').map(keyOf);
    expect(john[0]!.keys.sort()).toEqual(johns.sort());
    for (const m of page.mentions.filter((x) => x.text !== 'John Smith')) expect(m.keys, m.text).toHaveLength(1);
  });

  it('uses "F. Surname" only for people no one else shares it with', () => {
    const initials = page.mentions.filter((m) => m.kind === 'initial');
    expect(initials.length).toBeGreaterThanOrEqual(2);
    for (const m of initials) expect(peopleWithForm(records, 'initial', m.text)).toHaveLength(1);
  });

  it('contains words that must not match any name', () => {
    for (const word of page.mustNotMatch) {
      expect(visibleText).toContain(word);
      for (const kind of ['full-name', 'known-as', 'surname-first', 'initial'] as const) {
        expect(peopleWithForm(records, kind, word)).toEqual([]);
      }
    }
    expect(page.mustNotMatch).toEqual(expect.arrayContaining(['Annual', 'Leeds']));
  });
});
