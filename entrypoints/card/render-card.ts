/**
 * Builds the card's DOM from PersonCard data. Plain DOM, text only through `textContent`: names and notes come
 * from imported files and must never become markup.
 */
import { councilName, pensionItemLabel, readinessName, type PensionItemId } from '@/lib/domain';
import type { PersonCard } from '@/lib/messaging/protocol';

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return node;
}

function fact(doc: Document, term: string, ...value: Child[]): Node[] {
  return [el(doc, 'dt', {}, term), el(doc, 'dd', {}, ...value)];
}

function pensionText(card: PersonCard): string {
  const { applicable, done, outstanding } = card.pension;
  if (applicable === 0) return 'No items apply';
  if (outstanding.length === 0) return `All ${applicable} applicable items done`;
  return `${done} of ${applicable} items done, ${outstanding.length} to do`;
}

/** One person's section: name, the five facts, readiness and its blockers, and a link to the dashboard. */
export function renderPerson(doc: Document, card: PersonCard, dashboardUrl: string, headingLevel: 'h1' | 'h2') {
  const section = el(doc, 'section', { class: 'person', 'data-key': card.key });
  const heading = el(doc, headingLevel, { class: 'name' }, card.name);
  section.append(heading);
  const role = [card.jobTitle, card.team].filter(Boolean).join(', ');
  if (role) section.append(el(doc, 'p', { class: 'role' }, role));
  if (!card.inLatestRoster) {
    section.append(el(doc, 'p', { class: 'warning' }, 'Not in the latest register file'));
  }

  const state = card.readiness.state;
  const chip = el(doc, 'p', { class: `readiness ${state}` }, el(doc, 'strong', {}, readinessName[state]));
  if (card.readiness.reason) chip.append(`: ${card.readiness.reason}`);
  section.append(chip);

  const facts = el(doc, 'dl', { class: 'facts' });
  facts.append(
    ...fact(doc, 'Employing council', councilName[card.council]),
    ...fact(doc, 'Section 113', card.s113.text),
    ...fact(doc, 'Planned transfer', card.transfer?.text ?? 'No transfer plan set up'),
    ...fact(
      doc,
      'TOM function',
      [card.tom.functionName, card.tom.team].filter(Boolean).join(': ') || 'Not assigned yet',
    ),
    ...fact(doc, 'Pension checklist', pensionText(card)),
  );
  section.append(facts);

  if (card.readiness.blockers.length > 0) {
    section.append(el(doc, 'h3', { class: 'blockers-title' }, 'What is holding this up'));
    const list = el(doc, 'ul', { class: 'blockers' });
    for (const b of card.readiness.blockers) list.append(el(doc, 'li', {}, b.text));
    section.append(list);
  }
  if (card.pension.outstanding.length > 0 && card.pension.outstanding.length <= 4) {
    section.append(el(doc, 'h3', {}, 'Pension items to do'));
    const list = el(doc, 'ul', { class: 'pension-todo' });
    for (const id of card.pension.outstanding) list.append(el(doc, 'li', {}, pensionItemLabel(id as PensionItemId)));
    section.append(list);
  }

  const link = el(doc, 'a', { href: dashboardUrl, target: '_blank', rel: 'noopener', class: 'open' });
  link.textContent = 'Open in dashboard';
  const hidden = el(doc, 'span', { class: 'visually-hidden' }, ` (${card.name}, opens in a new tab)`);
  link.append(hidden);
  section.append(el(doc, 'p', {}, link));
  return section;
}
