import { z } from 'zod';

/** The three councils of the Shared Digital service; each is a legal employer today. */
export const Council = z.enum(['camden', 'haringey', 'islington']);
export type Council = z.infer<typeof Council>;

export const COUNCILS: readonly Council[] = Council.options;

export const councilName: Record<Council, string> = {
  camden: 'Camden',
  haringey: 'Haringey',
  islington: 'Islington',
};

/** One letter per council so a badge never relies on colour alone (WCAG 1.4.1). */
export const councilLetter: Record<Council, string> = { camden: 'C', haringey: 'H', islington: 'I' };

/** Each London borough runs its own Local Government Pension Scheme (LGPS) fund. */
export const pensionFundName: Record<Council, string> = {
  camden: 'Camden Pension Fund',
  haringey: 'Haringey Pension Fund',
  islington: 'Islington Council Pension Fund',
};

/** Accepts the council however an HR export spells it ("London Borough of Camden", "LBH", "islington"). */
export function parseCouncil(text: string): Council | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  if (/\bcamden\b|^lbc$/.test(t)) return 'camden';
  if (/\bharingey\b|^lbh$/.test(t)) return 'haringey';
  if (/\bislington\b|^lbi$/.test(t)) return 'islington';
  return undefined;
}
