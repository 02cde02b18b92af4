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

initI18n();
preloadGeoMapUnlessNarrow();
void registerServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Vietnamese is bundled (ready at once); English is fetched first, so the first frame is in the right language.
void languageReady()
  .catch(() => undefined) // offline without the English chunks cached: Vietnamese, the fallback, still reads
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </StrictMode>,
    ),
  );
