import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

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

const r = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** The API server (npm run dev) the dev server forwards REST and Socket.IO to. */
const API_TARGET = process.env.API_TARGET ?? 'http://localhost:3000';

export default defineConfig({
  root: r('./client'),
  plugins: [react(), buildId()],
  build: {
    outDir: r('./dist/client'),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
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
