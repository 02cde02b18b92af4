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

/**
 * The first render waits at most this long for the page's first answers (usually already preloaded): a
 * render with the figures, not an empty one followed by a second. On a slow link it draws without them.
 */
const FIRST_ANSWERS_WAIT_MS = 500;

initI18n();
preloadGeoMapUnlessNarrow();
void registerServiceWorker();
// A wall display signs in with its own token first; the boundaries are large and only the geographic map needs them.
const onWall = location.pathname.startsWith('/wall');
const firstAnswers = onWall ? Promise.resolve() : askFirstAnswers(preloadedApiPaths(document).filter((p) => !p.includes('/boundaries')));
const signedIn = onWall ? Promise.resolve() : refreshSession();
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
