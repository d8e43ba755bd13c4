import { startFirstStage } from './first-stage';

export default defineContentScript({
  // Registered at runtime for the sites the user (or administrator) switched on; never in the manifest.
  registration: 'runtime',
  main(ctx) {
    const start = () => startFirstStage({ onInvalidated: (cb) => ctx.onInvalidated(cb) });
    if (document.body) start();
    else document.addEventListener('DOMContentLoaded', start, { once: true });
  },
});
