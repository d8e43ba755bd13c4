import { keyOf } from '@/lib/domain';
import { StaffFacts } from '@/components/staff-facts';
import { useDashboardData } from '../data-store';

export function PersonPage({ personKey }: { personKey: string }) {
  const row = useDashboardData((s) => s.rows.find((r) => keyOf(r.record) === personKey));
  const plan = useDashboardData((s) => s.ctx.plan);
  if (!row) return <h1 className="tl-heading-l">Person not found</h1>;
  return (
    <>
      <h1 className="tl-heading-l">{row.name}</h1>
      <StaffFacts record={row.record} plan={plan} readiness={row.readiness} />
    </>
  );
}
