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
import { getSocket } from './realtime/socket';

/**
 * The first render waits at most this long for the page's first answers (usually already preloaded): a
 * render with the figures, not an empty one followed by a second. On a slow link it draws without them.
 */
const FIRST_ANSWERS_WAIT_MS = 500;

initI18n();
preloadGeoMapUnlessNarrow();
void registerServiceWorker();
// A wall display signs in with its own token first (its own requests and socket).
const onWall = location.pathname.startsWith('/wall');
const preloaded = onWall ? [] : preloadedApiPaths(document);
const isBoundaries = (path: string) => path.endsWith('/boundaries');
const firstAnswers = askFirstAnswers(preloaded.filter((p) => !isBoundaries(p)));
// The boundaries (the geographic map only) are large: parsed while the page renders, never waited for.
void askFirstAnswers(preloaded.filter(isBoundaries));
const signedIn = onWall ? Promise.resolve() : refreshSession();
// The live connection's handshake (several round trips) runs while the first render draws, not after it.
if (!onWall) getSocket();
const firstAnswersOrTimeout = Promise.race([
  Promise.all([firstAnswers, signedIn]),
  new Promise((resolve) => setTimeout(resolve, FIRST_ANSWERS_WAIT_MS)),
]);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Vietnamese is bundled (ready at once); English is fetched first, so the first frame is in the right language.
void Promise.all([
  languageReady().catch(() => undefined), // offline without the English chunks cached: Vietnamese, the fallback, still reads
  firstAnswersOrTimeout,
]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </StrictMode>,
  ),
);
