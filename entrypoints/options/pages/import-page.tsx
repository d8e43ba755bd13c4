/** Owned by the Import/Settings/Consultation UI helper; this minimal page lets the dashboard shell compile. */
export function ImportPage() {
  return <h1 className="tl-heading-l">Import staff data</h1>;
}
