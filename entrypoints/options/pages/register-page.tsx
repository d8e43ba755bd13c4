import { useDashboardData } from '../data-store';

export function RegisterPage(_props: { params: URLSearchParams }) {
  const count = useDashboardData((s) => s.rows.length);
  return (
    <>
      <h1 className="tl-heading-l">Staff register</h1>
      <p className="tl-register__count">{count} people</p>
    </>
  );
}
