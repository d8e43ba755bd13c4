/* global chrome */
// Present only so the benchmark can call chrome.action.openPopup() from this extension's service worker.
chrome.runtime.onInstalled.addListener(() => undefined);
