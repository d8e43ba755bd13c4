import { z } from 'zod';
import { TransferPlan } from './transfer';

export const SETTINGS_VERSION = 1;

export const Settings = z.object({
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  /** Shown in each person's history as who made a change. */
  userName: z.string().trim().max(200).default(''),
  plans: z.array(TransferPlan).default([]),
  activePlanId: z.string().optional(),
  /** A deadline closer than this many days makes a not-ready person "at risk". */
  atRiskDays: z.number().int().min(1).max(365).default(14),
  csvUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).default(''),
  syncEveryMinutes: z.number().int().min(0).max(10080).default(0),
  autoApplySync: z.boolean().default(false),
  /** Match patterns of sites where the overlay runs (also granted as optional host permissions). */
  sites: z.array(z.string()).default([]),
  /** Fixes "today" for demo data so readiness is the same on any day; empty in real use. */
  demoToday: z.string().optional(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

export function activePlan(s: Settings) {
  return s.plans.find((p) => p.id === s.activePlanId) ?? s.plans[0];
}
