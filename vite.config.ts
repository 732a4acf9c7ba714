/**
 * Builds the PWA in app/ (entry: index.html) into dist/, which the sync server serves. The service
 * worker precaches the app shell and every chunk (including each language's translations), so the
 * app opens and works offline after the first visit; a new version waits for the user's consent.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { bundleBudget } from './scripts/vite-plugin-bundle-budget';
import { collectionValidators } from './scripts/vite-plugin-validators';

const THEME_COLOUR = '#0057b7';
const CSS_TARGETS = ['chrome90', 'edge90', 'firefox100', 'safari15', 'ios15'];

export default defineConfig({
  build: {
    // DESIGN.md "Devices": Chrome/Android 90+, Samsung Internet 15+, Safari/iOS 15.4+, Firefox 100+.
    // (Vite 8 defaults to Chrome 111 / Safari 16.4.) lightningcss knows no "samsung" target; Samsung
    // Internet 15 runs Chromium 90, which chrome90 already covers for CSS.
    target: [...CSS_TARGETS, 'samsung15'],
    cssTarget: CSS_TARGETS,
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        // One chunk per language instead of one per namespace: i18next asks for every namespace of the
        // interface language and of its fallback before the first screen renders, and on a slow
        // network 26 small requests (6 at a time) cost more round trips than two larger ones.
        manualChunks(id) {
          const locale = /[\\/]locales[\\/]([a-z]{2})[\\/][^\\/]+\.json$/.exec(id);
          return locale ? `locale-${locale[1]}` : undefined;
        },
      },
    },
  },
  server: {
    // `npm run dev` talks to a sync server started with `npm run serve` (PORT defaults to 8080).
    proxy: { '/api': { target: process.env.SYNC_SERVER_URL ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  plugins: [
    react(),
    collectionValidators(),
    // The build fails when the JavaScript before the first screen exceeds its budget: 110 KiB gzip
    // for a newcomer's sign-in screen (no database code at all, issue 11), 220 KiB for a member (issue 9).
    bundleBudget(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Cities4Cities',
        short_name: 'Cities4Cities',
        description: 'Needs of Ukrainian municipalities and the partner cities that help them',
        lang: 'uk',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: THEME_COLOUR,
        background_color: '#f3f5f8',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Icons and the manifest are added by the plugin; listing png/webmanifest here would precache them twice.
        globPatterns: ['**/*.{js,css,html}'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//],
        // The first visit is controlled as soon as the worker is active, so the screens loaded on
        // demand come from the precache once the network drops (a new version still waits for the user).
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
});
