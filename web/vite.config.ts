// Vite build and dev-server settings for the web front end (root web/, output dist/web).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * React, Leaflet, ECharts and Zod get long-lived chunks of their own (Leaflet, ECharts and Zod load only with the pages
 * that use them). antd is left to Rollup's splitting on purpose: one antd chunk would put ~350 kB gz
 * on the login page, while split it loads the Table, Tree, DatePicker… parts with the pages using them.
 */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/leaflet\//.test(id)) return 'leaflet';
  if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
  if (/node_modules\/zod\//.test(id)) return 'zod';
  if (/node_modules\/(react|react-dom|react-router|react-router-dom|scheduler|@tanstack)\//.test(id)) return 'react';
  return undefined;
}

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
      onwarn(warning, warn) {
        // zod ships /* @__PURE__ */ comments in places Rollup ignores; harmless noise.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod')) return;
        warn(warning);
      },
    },
  },
  server: {
    // API_PROXY_TARGET points the dev server at a server on another port (default: the server's 3000).
    proxy: { '/api': { target: process.env.API_PROXY_TARGET ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
