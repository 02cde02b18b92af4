/// <reference types="vite/client" />
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import './styles/fonts.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/overview.css';
import './styles/responsive.css';
import './styles/replay.css';
import { App } from './App';
import { initI18n, languageReady } from './i18n';
import { registerServiceWorker } from './offline/register-sw';
import { preloadGeoMapUnlessNarrow } from './features/overview/lazy-geo-map';
import { askFirstAnswers, preloadedApiPaths } from './api/first-answers';
import { refreshSession } from './features/auth/session';
import { firstHandshake } from './realtime/socket';

/**
 * The first render waits at most this long for the page's first answers (usually already preloaded): a
 * render with the figures, not an empty one followed by a second. On a slow link it draws without them.
 */
const FIRST_ANSWERS_WAIT_MS = 500;

// Marks on the page's clock for bench/page-load.ts: where a first load's time goes (issue 15).
performance.mark('bdt:scripts');
initI18n();
// A wide screen opens on the geographic map: its chunk (preloaded by index.html) joins the first answers.
const geoMapChunk = preloadGeoMapUnlessNarrow();
void registerServiceWorker();
// A wall display signs in with its own token first (its own requests and socket).
const onWall = location.pathname.startsWith('/wall');
const preloaded = onWall ? [] : preloadedApiPaths(document);
// The boundaries are preloaded only where the map opens geographic (index.html's media query): there the
// first render waits for them too, so it draws the map at once instead of a placeholder and a render more.
const firstAnswers = askFirstAnswers(preloaded);
const signedIn = onWall ? Promise.resolve() : refreshSession();
// The live connection's handshake (several round trips) starts now, beside the first answers. A wide screen's
// first render (the map's 168 polygons) is one long task that a handshake caught behind would wait for: there
// the render waits for the handshake too, within the same bound, and is drawn live at once.
const handshake = onWall ? undefined : firstHandshake();
const firstAnswersOrTimeout = Promise.race([
  Promise.all([firstAnswers, signedIn, geoMapChunk?.catch(() => undefined), geoMapChunk && handshake]),
  new Promise((resolve) => setTimeout(resolve, FIRST_ANSWERS_WAIT_MS)),
]);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Vietnamese is bundled (ready at once); English is fetched first, so the first frame is in the right language.
void Promise.all([
  languageReady().catch(() => undefined), // offline without the English chunks cached: Vietnamese, the fallback, still reads
  firstAnswersOrTimeout,
]).then(() => {
  performance.mark('bdt:render');
  createRoot(root).render(
    <StrictMode>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </StrictMode>,
  );
});
