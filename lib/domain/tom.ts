import { z } from 'zod';

/** Target Operating Model (TOM): the four functions of the future shared service (2016 business case). */
export const TomFunction = z.enum([
  'digital-change',
  'application-support',
  'common-infrastructure',
  'strategy-architecture',
]);
export type TomFunction = z.infer<typeof TomFunction>;

export const tomFunctionName: Record<TomFunction, string> = {
  'digital-change': 'Digital Change',
  'application-support': 'Application Support',
  // The 2017 strategy once calls it "Common Interface": the same function.
  'common-infrastructure': 'Common Infrastructure',
  'strategy-architecture': 'Strategy & Architecture',
};

export const tomTeams: Record<TomFunction, readonly string[]> = {
  'digital-change': [
    'Business Partners',
    'Service Lead: Housing and Adults and Health',
    "Service Lead: Children's Services",
    'Service Lead: Environment',
    'Service Lead: Corporate Services',
    'Portfolio: Collaboration',
    'Portfolio: Agile Working',
    'Portfolio: Customer Access',
    'Portfolio: Business Intelligence',
    'Portfolio: Place',
    'Programme and Project Management',
    'Business Analysts',
    'Business Change, OD and Training',
    'Development resource',
  ],
  'application-support': ['Shared Application Support', 'Shared Application Development', 'DevOps – Transition to BAU'],
  'common-infrastructure': [
    'Common Infrastructure Support',
    'Shared Service Centre',
    'Networks',
    'Information Security',
    'Shared Service Data Centre',
  ],
  'strategy-architecture': [
    'Corporate Architecture',
    'Portfolio Management',
    'Strategic Procurement and Vendor Management',
    'Research',
    'Resource Management',
  ],
};

/** Service categories of the SOCITM baseline table (FTE in scope by council). */
export const ServiceCategory = z.enum([
  'strategic-leadership',
  'transformation',
  'customer-focused-it',
  'architecture-planning-policy',
]);
export type ServiceCategory = z.infer<typeof ServiceCategory>;

export const serviceCategoryName: Record<ServiceCategory, string> = {
  'strategic-leadership': 'Strategic Leadership',
  transformation: 'Transformation',
  'customer-focused-it': 'Customer Focused IT / ICT Operational',
  'architecture-planning-policy': 'Architecture, Resource Planning, Policy',
};

export function parseTomFunction(text: string): TomFunction | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  if (t.includes('digital change')) return 'digital-change';
  if (t.includes('application')) return 'application-support';
  if (t.includes('infrastructure') || t.includes('common interface')) return 'common-infrastructure';
  if (t.includes('strategy') || t.includes('architecture')) return 'strategy-architecture';
  return TomFunction.safeParse(t).data;
}
