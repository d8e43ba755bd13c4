import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { PopupStart } from './shell';

/** Loaded by main.ts once the shell is on screen: React renders over it. */
export function start(root: HTMLElement, shown: PopupStart): void {
  createRoot(root).render(<App start={shown} />);
}
