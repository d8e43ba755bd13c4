import { z } from 'zod';
import { Council } from './council';
import { IsoDate } from './dates';
import { Pension } from './pension';
import { Section113 } from './s113';
import { ServiceCategory, TomFunction } from './tom';
import { PersonTransfer } from './transfer';

/** Employee numbers are unique only within their council, so a person's key is "council:number". */
export type StaffKey = `${Council}:${string}`;

export const EmployeeNumber = z
  .string()
  .trim()
  .min(1, 'Employee number is missing')
  .max(40, 'Employee number is longer than 40 characters')
  .regex(/^[^\s:]+$/, 'Employee number must not contain spaces or colons');

export const StaffKeySchema = z.string().regex(/^(camden|haringey|islington):[^\s:]+$/, 'Not a staff key');

export function staffKey(council: Council, employeeNumber: string): StaffKey {
  return `${council}:${employeeNumber}`;
}

export function parseStaffKey(key: string): { council: Council; employeeNumber: string } | undefined {
  const i = key.indexOf(':');
  const council = Council.safeParse(key.slice(0, i));
  if (i < 0 || !council.success) return undefined;
  return { council: council.data, employeeNumber: key.slice(i + 1) };
}

export const ContractType = z.enum(['permanent', 'fixed-term', 'casual', 'agency', 'other']);
export type ContractType = z.infer<typeof ContractType>;

/** One change to a record, for the person's audit trail. */
export const HistoryEntry = z.object({
  at: z.string().min(1), // ISO date-time
  by: z.string().max(200), // the user's name from settings, or "CSV import: <source>"
  field: z.string().min(1),
  from: z.string().optional(),
  to: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const StaffRecord = z.object({
  council: Council,
  employeeNumber: EmployeeNumber,
  forename: z.string().trim().max(200).default(''),
  surname: z.string().trim().max(200).default(''),
  knownAs: z.string().trim().max(200).optional(),
  otherSpellings: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  emails: z.array(z.email('Not an e-mail address')).max(10).default([]),
  jobTitle: z.string().max(300).optional(),
  grade: z.string().max(100).optional(),
  fte: z.number().min(0, 'FTE cannot be negative').max(1.5, 'FTE above 1.5 is not plausible').optional(),
  contractType: ContractType.optional(),
  continuousServiceDate: IsoDate.optional(),
  /** The line manager's staff key (may be in another council). */
  lineManager: StaffKeySchema.optional(),
  team: z.string().max(300).optional(),
  /** A post with nobody in it (e.g. "Vacant" or "N/D" in organogram returns). */
  vacant: z.boolean().default(false),
  tomFunction: TomFunction.optional(),
  tomTeam: z.string().max(300).optional(),
  serviceCategory: ServiceCategory.optional(),
  s113: Section113.default({ placed: false }),
  transfers: z.array(PersonTransfer).default([]),
  pension: Pension.default({ items: {} }),
  /** False when the latest sync's file did not list this person; never deleted by a sync. */
  inLatestRoster: z.boolean().default(true),
  /** Field path → when it was last edited in the extension, so a sync can spot conflicts. */
  localEdits: z.record(z.string(), z.string()).default({}),
  history: z.array(HistoryEntry).default([]),
});
export type StaffRecord = z.infer<typeof StaffRecord>;
export type StaffRecordInput = z.input<typeof StaffRecord>;

export function keyOf(r: Pick<StaffRecord, 'council' | 'employeeNumber'>): StaffKey {
  return staffKey(r.council, r.employeeNumber);
}

export function displayName(r: Pick<StaffRecord, 'forename' | 'surname' | 'knownAs' | 'vacant'>): string {
  if (r.vacant && !r.surname) return 'Vacant post';
  const first = r.knownAs || r.forename;
  return [first, r.surname].filter(Boolean).join(' ') || '(no name)';
}

export function transferFor(r: StaffRecord, planId: string): PersonTransfer | undefined {
  return r.transfers.find((t) => t.planId === planId);
}
