import { PENSION_ITEMS, StaffRecord, type StaffRecordInput, type TransferPlan } from '../../../lib/domain';
import { buildRegisterRows, type ReadinessContext } from '../../../lib/views/register-rows';

export const plan: TransferPlan = {
  id: 'camden-tupe',
  name: 'Transfer to Camden',
  legalBasis: 'TUPE',
  transferors: ['haringey', 'islington'],
  transferee: 'camden',
  transferDate: '2018-04-01',
  representativesInformedBy: '2018-03-01',
};
/** 9 days before the ELI deadline (4 March) and 6 days before the representatives' target (1 March). */
export const ctx: ReadinessContext = { plan, today: '2018-02-23', atRiskDays: 14 };

const done = Object.fromEntries(PENSION_ITEMS.map((i) => [i.id, { state: 'done' }]));
const eli = {
  identity: '2018-02-01',
  particulars: '2018-02-01',
  disciplinary: '2018-02-01',
  claims: '2018-02-01',
  collective: '2018-02-01',
};

export function person(input: Partial<StaffRecordInput> & { council: StaffRecordInput['council'] }) {
  return StaffRecord.parse({ employeeNumber: String(Math.random()).slice(2, 8), ...input });
}

/** A transferring person with every step done, plus overrides of the transfer entry. */
export function ready(
  input: Partial<StaffRecordInput> & { council: 'haringey' | 'islington'; employeeNumber: string },
  transfer: Record<string, unknown> = {},
) {
  return StaffRecord.parse({
    tomFunction: 'common-infrastructure',
    s113: { placed: true, noticeIssued: '2016-10-01', confirmedContinuing: '2017-10-01' },
    pension: { items: done },
    ...input,
    transfers: [
      {
        planId: plan.id,
        scope: 'in-scope',
        assignment: 'assigned',
        eliSent: eli,
        informed: '2018-02-10',
        ...transfer,
      },
    ],
  });
}

export const rowsOf = (records: StaffRecord[]) => buildRegisterRows(records, ctx);
