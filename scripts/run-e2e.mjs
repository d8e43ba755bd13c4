#!/usr/bin/env node
// Builds the extension twice and runs the end-to-end suite in Debian's Chromium.
//   .output/chrome-mv3      production build (no host permission at install): its manifest is checked
//   .output-e2e/chrome-mv3  the same code with http://127.0.0.1/* granted at install, loaded into Chromium
// Extra arguments go to Vitest, e.g. `npm run test:e2e -- tests/e2e/foundation.e2e.ts`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromiumPath = process.env.TL_CHROMIUM ?? '/usr/bin/chromium';

if (!existsSync(chromiumPath)) {
  console.error(`Chromium was not found at ${chromiumPath}. The end-to-end tests need it.`);
  console.error("Install Debian's chromium: apt-get install -y chromium");
  process.exit(1);
}

function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

async function build(label, env) {
  const started = Date.now();
  // Unset variables from the caller's shell must not leak into the production build.
  const code = await run('npx', ['wxt', 'build'], env);
  if (code !== 0) {
    console.error(`The ${label} build failed (exit code ${code}).`);
    process.exit(code);
  }
  console.log(`Built ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const productionEnv = { TL_SITES: '', TL_OUT_DIR: '.output' };
const e2eEnv = { TL_SITES: 'http://127.0.0.1/*', TL_OUT_DIR: '.output-e2e' };

// Builds run one after the other: both write generated types to .wxt/.
await build('production extension (.output)', productionEnv);
await build('end-to-end extension (.output-e2e)', e2eEnv);

const code = await run('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  TL_E2E_EXTENSION: path.join(repoRoot, '.output-e2e', 'chrome-mv3'),
});
process.exit(code);
