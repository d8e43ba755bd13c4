/** Owned by the Import/Settings/Consultation UI helper; this minimal page lets the dashboard shell compile. */
export function ConsultationPage() {
  return <h1 className="tl-heading-l">Consultation lists</h1>;
}
