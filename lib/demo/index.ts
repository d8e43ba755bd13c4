/** Fictional demo data for Transition Lens: generator, plan, settings and the generated files' contents. */
export { DEMO_AT_RISK_DAYS, DEMO_PLAN, DEMO_SETTINGS, DEMO_TODAY } from './plan';
export { BASELINE_FTE_TENTHS, DEMO_SEED, SPECIAL_PEOPLE, generateDemoStaff } from './generate';
export { buildIntranetPage, peopleWithForm } from './intranet';
export type { IntranetPage, Mention, MentionKind, PageSection } from './intranet';
export { buildDemoFiles, demoExpected, demoStaffCsv } from './files';
export type { DemoExpected, DemoFiles } from './files';
