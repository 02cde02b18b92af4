import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Writes dist/client/build-id.txt (a hash of the emitted chunks): the server sends it in every clock
 * tick, so an unattended display reloads itself when a new build is deployed.
 */
function buildId(): Plugin {
  return {
    name: 'build-id',
    apply: 'build',
    generateBundle(_options, bundle) {
      let h = 2166136261;
      for (const name of Object.keys(bundle).sort()) for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
      this.emitFile({ type: 'asset', fileName: 'build-id.txt', source: (h >>> 0).toString(36) });
    },
  };
}

/** Built files worth a compressed copy: text, and big enough that the encoding's header pays off. */
const PRECOMPRESS = /^assets\/.+\.(js|css|svg|json)$/;
const PRECOMPRESS_MIN_BYTES = 1024;

/**
 * Writes a brotli (quality 11) and a gzip (level 9) copy beside each built script and stylesheet, which
 * the server sends as they are (server/http/static.ts). Compressed once here at the highest levels, the
 * first screen's scripts are ≈ 14 % smaller than when each response is compressed on the fly (brotli 4,
 * the middleware's default), which on a phone's slow link is ≈ 0.1 s, and cost no CPU per request.
 */
function precompressed(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'precompressed',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? r('./dist/client');
      const jobs = Object.values(bundle).map(async (file) => {
        const body = file.type === 'chunk' ? file.code : file.source;
        if (!PRECOMPRESS.test(file.fileName) || body.length < PRECOMPRESS_MIN_BYTES) return;
        const path = join(dir, file.fileName);
        const [b, g] = await Promise.all([
          br(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT } }),
          gz(body, { level: zlib.Z_BEST_COMPRESSION }),
        ]);
        await Promise.all([writeFile(`${path}.br`, b), writeFile(`${path}.gz`, g)]);
      });
      await Promise.all(jobs);
    },
  };
}

/** The screens on which the overview opens on the geographic map (client/lib/narrow-screen.ts: wider than a phone). */
const WIDE_MEDIA = '(min-width: 721px)';

/**
 * Names the geographic map's chunk (with Leaflet and its style sheet) in index.html as preloads for wide
 * screens, so the browser fetches it with the page's own scripts; asked for by the script at start-up it
 * came a round of script downloads and a parse later (issue 15). A phone (narrow) never fetches it.
 */
function preloadGeoMap(): Plugin {
  return {
    name: 'preload-geo-map',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((f) => f.type === 'chunk');
        const map = chunks.find((c) => c.facadeModuleId?.endsWith('/features/overview/GeoMap.tsx'));
        if (!map) return [];
        // Its own chunks only: those the entry imports are named already.
        const entry = chunks.find((c) => c.isEntry);
        const onPage = new Set([entry?.fileName, ...(entry?.imports ?? [])]);
        const own = [map, ...chunks.filter((c) => map.imports.includes(c.fileName))].filter((c) => !onPage.has(c.fileName));
        const scripts = own.map((c) => c.fileName);
        const sheets = own.flatMap((c) => [...(c.viteMetadata?.importedCss ?? [])]);
        const link = (rel: string, href: string, extra: Record<string, string> = {}) => ({
          tag: 'link',
          attrs: { rel, href: `/${href}`, media: WIDE_MEDIA, ...extra },
          injectTo: 'head' as const,
        });
        return [
          ...scripts.map((f) => link('modulepreload', f, { crossorigin: '' })),
          ...sheets.map((f) => link('preload', f, { as: 'style' })),
        ];
      },
    },
  };
}

const r = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * Installable and readable offline (issue 18): the web app manifest (Vietnamese name, standalone, icons)
 * and the service worker client/sw/sw.ts, into which Workbox injects the list of built files to precache.
 */
function installableApp(): Plugin[] {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'sw',
    filename: 'sw.ts',
    registerType: 'autoUpdate',
    // Registered by client/offline/offline-cache.ts (not on wall displays).
    injectRegister: false,
    injectManifest: {
      // The map and charts chunks and the fonts are part of the shell: offline, the app must draw.
      globPatterns: ['**/*.{js,css,html,woff2,png,svg,webmanifest}'],
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    },
    manifest: {
      id: '/',
      name: 'Bản đồ thực thi thể chế',
      short_name: 'Bản đồ thực thi',
      description: 'Theo dõi trực tiếp tình hình giải quyết hồ sơ thủ tục hành chính và nhiệm vụ được giao.',
      lang: 'vi',
      dir: 'ltr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      orientation: 'any',
      background_color: '#f2f4f7',
      theme_color: '#0b2545',
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
  });
}

/** The API server (npm run dev) the dev server forwards REST and Socket.IO to. */
const API_TARGET = process.env.API_TARGET ?? 'http://localhost:3000';

export default defineConfig({
  root: r('./client'),
  plugins: [react(), buildId(), installableApp(), precompressed(), preloadGeoMap()],
  build: {
    outDir: r('./dist/client'),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // Brotli 11 in `precompressed` takes seconds by design; the timing warning would only repeat that.
      checks: { bundlerTimings: false },
      output: {
        // Libraries in their own chunks: they change less often than our code (better caching). The charts'
        // group must hold nothing the first screen needs (use-sync-external-store is react-i18next's too),
        // or the whole of Recharts becomes part of the first load.
        codeSplitting: {
          groups: [
            {
              name: 'vendor-react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser|use-sync-external-store)[\\/]/,
              priority: 30,
            },
            {
              name: 'vendor-charts',
              test: /node_modules[\\/](recharts|d3-[a-z]+|victory-vendor|@reduxjs|redux|reselect|immer|es-toolkit|decimal\.js-light|eventemitter3|react-redux|tiny-invariant|clsx)[\\/]/,
              priority: 20,
            },
            { name: 'vendor-map', test: /node_modules[\\/](leaflet|react-leaflet|@react-leaflet)[\\/]/, priority: 20 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
            // Our modules that every page needs (texts, formats, API client, socket, session) in one chunk:
            // split by who imports them they were six files of 1–3 kB, each a round trip on a phone's link.
            // The administration's texts (vi/admin*.json) stay out: fetched only when an admin opens its page.
            {
              name: 'shell',
              test: /[\\/](client[\\/](i18n[\\/](index\.ts|vi[\\/](?!admin))|api[\\/]|realtime[\\/](connection|socket)\.ts|lib[\\/](color-scale|format|metrics|narrow-screen|url-state)\.ts|offline[\\/](snapshot-rules|offline-state|offline-cache)\.ts|features[\\/]auth[\\/]session\.ts)|shared[\\/]datetime\.ts)/,
              priority: 5,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: true },
      '/socket.io': { target: API_TARGET, ws: true, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: true },
      '/socket.io': { target: API_TARGET, ws: true, changeOrigin: true },
    },
  },
});
