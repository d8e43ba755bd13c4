/**
 * Bundled (esbuild, IIFE) into plain test pages by in-chromium.ts: the overlay's DOM code and the matcher, as the
 * content script uses them, on `window.tlOverlay`.
 */
import { buildMatcher, buildMatcherInSlices, packMatcher, unpackMatcher } from '../../../lib/match';
import { createAnnotator, createTextScan, nextBackgroundTask, placeOf, scanText } from '../../../lib/overlay/annotator';
import { createCardController } from '../../../lib/overlay/card-frame';
import { describeBadge } from '../../../lib/overlay/labels';
import { startNameWatch } from '../../../lib/overlay/name-watch';

const api = {
  buildMatcher,
  buildMatcherInSlices,
  createAnnotator,
  createCardController,
  createTextScan,
  describeBadge,
  nextBackgroundTask,
  packMatcher,
  placeOf,
  scanText,
  startNameWatch,
  unpackMatcher,
};
export type OverlayPageApi = typeof api;
(globalThis as unknown as { tlOverlay: OverlayPageApi }).tlOverlay = api;
