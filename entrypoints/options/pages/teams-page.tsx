export function TeamsPage() {
  return <h1 className="tl-heading-l">Teams</h1>;
}
