export function ReadinessPage() {
  return <h1 className="tl-heading-l">Transfer readiness</h1>;
}
