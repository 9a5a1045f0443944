// The renderer's build: React with esbuild's JSX (no Node types in the renderer), into out/renderer,
// with resources/ (the sample workspace) served beside the page.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: '../resources',
  esbuild: { jsx: 'automatic' },
  build: { outDir: '../out/renderer', emptyOutDir: true, sourcemap: true, target: 'es2022' },
});
