export default defineContentScript({
  // Registered at runtime for the sites the user (or administrator) switched on; never in the manifest.
  registration: 'runtime',
  main() {},
});
