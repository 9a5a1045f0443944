// The renderer's build: React with esbuild's JSX (no Node types in the renderer), into out/renderer,
// with resources/ (the sample workspace) served beside the page. Two pages: the app (index.html) and
// the printable business-case report (report.html), sharing their chunks.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: '../resources',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rolldownOptions: { input: { index: 'renderer/index.html', report: 'renderer/report.html' } },
  },
});
