/* global chrome */
// Answers the content script, as a real overlay's background answers its first question.
chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  sendResponse({ ok: true, chars: message.chars });
});
