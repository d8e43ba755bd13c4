/**
 * The overlay's first stage, on every page of a switched-on site: asks the background for the matcher (not the
 * people), looks for a first name with lib/overlay/name-watch.ts, and only then asks the background to put the whole
 * overlay (entrypoints/content) into the page. Until then it answers the side panel ("nobody on this page").
 *
 * Measured with a DevTools metric of all script time in the page (ScriptDuration, overlay on minus off, median of
 * 7 loads of pages that name nobody): 23.6 ms against 33.5 ms with the whole overlay on mozilla-2; about the same on
 * the large pages, where reading and matching the text is most of the cost.
 *
 * Size rule: this runs on every page of a switched-on site, so it imports the matcher's unpacking and the text walk
 * only: no zod, no React, no badges or cards, no matcher build.
 */
import { unpackMatcher, type Matcher } from '@/lib/match';
import { scheduleInBackground } from '@/lib/overlay/annotator';
import { answerOverlayMessages, askBackground, handOverMatcher } from '@/lib/overlay/content-messaging';
import { startNameWatch, type NameWatch } from '@/lib/overlay/name-watch';
import type { OverlayMessage, PeopleOnPage } from '@/lib/overlay/overlay-messages';

export function startFirstStage(options: { onInvalidated(cb: () => void): void; doc?: Document }): { stop(): void } {
  const doc = options.doc ?? document;
  let version: number | undefined;
  let watch: NameWatch | undefined;
  let stopped = false;
  /** Each look takes a number; only the latest may start its watch (the register can change meanwhile). */
  let lookSeq = 0;

  async function look(): Promise<void> {
    const seq = ++lookSeq;
    const answer = await askBackground({ type: 'getMatcher' });
    if (stopped || seq !== lookSeq || !answer?.ok) return;
    const { data } = answer;
    // The work goes in a background task of its own: the page's tasks go first.
    scheduleInBackground(() => {
      if (stopped || seq !== lookSeq) return;
      version = data.version;
      watch?.stop();
      watch = undefined;
      let matcher: Matcher | undefined;
      try {
        matcher = data.matcher && unpackMatcher(data.matcher);
      } catch {
        matcher = undefined;
      }
      // No matcher to look with (a register too large to send, which each page builds itself): the whole overlay.
      if (!matcher) {
        void loadOverlay();
        return;
      }
      const m = matcher;
      const v = data.version;
      watch = startNameWatch({
        root: doc.body,
        findAll: (text) => m.findAll(text),
        onFound: () => {
          handOverMatcher(v, m);
          void loadOverlay();
        },
      });
    });
  }

  async function loadOverlay(): Promise<void> {
    if (stopped) return;
    // The whole overlay answers the side panel and the background from now on: this stage steps aside first.
    stop();
    await askBackground({ type: 'loadOverlay' });
  }

  function peopleOnPage(): PeopleOnPage {
    return { url: location.href, version: version ?? null, people: [] };
  }

  function handle(message: OverlayMessage): unknown {
    switch (message.type) {
      case 'tl:peopleOnPage':
        return peopleOnPage();
      case 'tl:reveal':
        return { found: false };
      case 'tl:overlayStop':
        stop();
        return { stopped: true };
      case 'registerChanged':
        if (message.version !== version) void look();
        return undefined;
      default:
        return undefined; // card messages: there is no card without the whole overlay
    }
  }

  function stop(): void {
    if (stopped) return;
    stopped = true;
    watch?.stop();
    watch = undefined;
    stopAnswering();
  }

  const stopAnswering = answerOverlayMessages((message) => (stopped ? undefined : handle(message)));
  options.onInvalidated(stop);
  void look();
  return { stop };
}
