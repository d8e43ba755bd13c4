import { z } from 'zod';
import { IsoDate } from './dates';

/**
 * Section 113 of the Local Government Act 1972: an officer of one council is placed at the disposal of
 * another (here, the shared service) while staying employed by, and in the pension fund of, their own council.
 * The officer must be consulted before being placed.
 */
export const Section113 = z.object({
  placed: z.boolean().default(false),
  agreementRef: z.string().max(200).optional(),
  noticeIssued: IsoDate.optional(),
  consulted: IsoDate.optional(),
  confirmedContinuing: IsoDate.optional(),
  ended: IsoDate.optional(),
});
export type Section113 = z.infer<typeof Section113>;

export const S113Status = z.enum(['not-issued', 'issued', 'confirmed', 'ended']);
export type S113Status = z.infer<typeof S113Status>;

export function s113Status(s: Section113): S113Status {
  if (s.ended) return 'ended';
  if (s.confirmedContinuing) return 'confirmed';
  if (s.noticeIssued) return 'issued';
  return 'not-issued';
}

export const s113StatusName: Record<S113Status, string> = {
  'not-issued': 'Section 113 notice not issued',
  issued: 'Section 113 notice issued',
  confirmed: 'Section 113 confirmed as continuing',
  ended: 'Section 113 placement ended',
};
