/* global chrome */
// Reads every text node of the page once, leaving out scripts and styles, and sends one message: what any
// overlay that looks for names in a page must at least do.
(() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentNode && node.parentNode.nodeName;
    if (parent === 'SCRIPT' || parent === 'STYLE') continue;
    chars += node.data.length;
  }
  chrome.runtime.sendMessage({ chars }, () => undefined);
})();
