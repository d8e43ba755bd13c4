import type { Page } from 'playwright-core';

/** Puts "Contact: <name>, Shared Digital." paragraphs at the top of the page, as the overlay benches plant names. */
export async function plantNames(page: Page, names: readonly string[]): Promise<void> {
  await page.evaluate((list) => {
    const box = document.createElement('div');
    for (const n of list) {
      const p = document.createElement('p');
      p.textContent = `Contact: ${n}, Shared Digital.`;
      box.append(p);
    }
    document.body.prepend(box);
  }, names);
}
