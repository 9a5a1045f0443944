// The renderer's build: React with esbuild's JSX (no Node types in the renderer), into out/renderer
// (the sample workspace is imported by the page's code; resources/ is the packager's folder, not the
// page's). Two pages: the app (index.html) and
// the printable business-case report (report.html), sharing their chunks.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rolldownOptions: { input: { index: 'renderer/index.html', report: 'renderer/report.html' } },
  },
});
