export default defineBackground(() => {
  // Wiring lands with the store and messaging modules.
});
