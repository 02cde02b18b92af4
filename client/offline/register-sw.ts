/** The page's side of the service worker: registering it (main.tsx only, so tests never load the build's virtual module). */

/**
 * Registers the service worker built by vite-plugin-pwa (production builds only: the dev server has none).
 * Wall displays are left out: an unattended screen must never open on old figures, it has its own
 * freshness rules and reload-on-build.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  if (location.pathname.startsWith('/wall')) return;
  // After the page has loaded (the usual advice): the worker's script and its precache downloads must not
  // compete with a first visit's own scripts and answers for a phone's link and CPU.
  if (document.readyState !== 'complete') await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
  const { registerSW } = await import('virtual:pwa-register');
  registerSW({ immediate: true });
}
