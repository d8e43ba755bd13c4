/**
 * Runs the overlay's DOM code in real Chromium (Debian's, through playwright-core): the annotator depends on
 * TreeWalker filters, Text.splitText, MutationObserver timing and closed shadow roots, which Node DOM shims do not
 * implement faithfully. Used by the overlay unit tests and by the overlay bench.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');
export const chromiumPath = process.env.TL_CHROMIUM ?? '/usr/bin/chromium';

let bundle: Promise<string> | undefined;

/** The overlay and matcher as one classic script that defines `window.tlOverlay`. */
export function overlayPageScript(): Promise<string> {
  bundle ??= build({
    entryPoints: [path.join(here, 'page-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    platform: 'browser',
    alias: { '@': repoRoot },
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]?.text ?? '');
  return bundle;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}
