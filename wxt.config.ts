import { defineConfig } from 'wxt';

/**
 * TL_SITES: comma-separated match patterns granted at install (e.g. `http://127.0.0.1/*`), for an
 * administrator's pre-enabled build and for the end-to-end suite. The production build leaves it unset and
 * asks for no host permission at install: sites are switched on at runtime (optional host permissions).
 */
const presetSites = (process.env.TL_SITES ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  outDir: process.env.TL_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    name: 'Transition Lens',
    description:
      'Shows employing council, Section 113 status, planned TUPE transfer, TOM function and pension checklist next to staff names.',
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'scripting',
      'activeTab',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    host_permissions: presetSites,
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
    web_accessible_resources: [
      {
        resources: ['card.html'],
        matches: ['http://*/*', 'https://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    options_ui: { open_in_tab: true },
    action: { default_title: 'Transition Lens' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'transition-lens@shared-digital.invalid' } } }
      : {}),
    storage: { managed_schema: 'managed-schema.json' },
  }),
  webExt: { disabled: true },
});
