/** Owned by the Import/Settings/Consultation UI helper; this minimal page lets the dashboard shell compile. */
export function SettingsPage() {
  return <h1 className="tl-heading-l">Settings</h1>;
}
