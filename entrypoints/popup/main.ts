import styles from './style.css?inline';
import { COUNT_STATES, countHash, isRegisterEmpty } from './format';
import { openDashboard, send } from './messaging';
import { countsHtml, markCountsShown, type PopupStart } from './shell';
import { readCachedSummary } from './summary-cache';

/*
 * The popup starts without React: index.html already holds its header, this small module puts the last counts
 * it saw on screen (from localStorage) and asks the background for fresh ones, and only then loads React
 * (start.tsx, its own chunk), which renders the same markup over the shell and carries on from there.
 */

// The styles come inside this script, not as a stylesheet of their own: a script waits for every stylesheet before
// it to load, so the file was one more request before the counts (measured in the toolbar popup, see README).
const style = document.createElement('style');
style.textContent = styles;
document.head.append(style);

const root = document.getElementById('root')!;
const first = send({ type: 'getSummary' });
let shown: PopupStart = { fresh: false, first };
let handedOver = false;

function show(summary: NonNullable<PopupStart['summary']>, fresh: boolean) {
  if (handedOver || isRegisterEmpty(summary)) return;
  const slot = root.querySelector('main.popup > [data-shell-status], main.popup > section[aria-labelledby="counts-h"]');
  if (!slot) return;
  slot.outerHTML = countsHtml(summary, !fresh);
  shown = { summary, fresh, first };
  markCountsShown(fresh);
}

/** Until React takes over, the shell's buttons do what React's will. */
function onShellClick(e: MouseEvent) {
  const button = (e.target as Element | null)?.closest('button');
  if (!button) return;
  if (button.closest('.popup-header')) openDashboard();
  else if (button.closest('.counts')) {
    const state = COUNT_STATES.find((s) => button.closest(`.count-${s}`));
    if (state) openDashboard(countHash(state));
  } else if (button.closest('section[aria-labelledby="counts-h"]')) openDashboard('#/settings');
}

root.addEventListener('click', onShellClick);
const cached = readCachedSummary();
if (cached) show(cached, false);
void first.then((r) => {
  if (r.ok) show(r.data, true);
});

/*
 * React loads once the shell is on screen. The toolbar popup is shown by the browser only when the page has
 * finished loading, and until then the page already runs animation frames: loading React from the first frame
 * delayed the popup's first frame by 20–35 ms (measured with npm run bench:popup). So: after the first paint
 * (buffered: one that came before this line counts), or after 300 ms if the browser reports none (a popup that is
 * never shown still gets its React).
 */
let reactRequested = false;
function startReact(): void {
  if (reactRequested) return;
  reactRequested = true;
  setTimeout(() => {
    void import('./start').then(({ start }) => {
      handedOver = true;
      root.removeEventListener('click', onShellClick);
      start(root, shown);
    });
  }, 0);
}
new PerformanceObserver((_, observer) => {
  observer.disconnect();
  startReact();
}).observe({ type: 'paint', buffered: true });
setTimeout(startReact, 300);
