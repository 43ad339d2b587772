// Vite build and dev-server settings for the web front end (root web/, output dist/web).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Groups third-party code into a few long-lived chunks so app changes do not bust them. */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/leaflet\//.test(id)) return 'leaflet';
  if (/node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|dayjs|@emotion|stylis)\//.test(id)) return 'antd';
  if (/node_modules\/(react|react-dom|react-router|react-router-dom|scheduler|@tanstack)\//.test(id)) return 'react';
  return 'vendor';
}

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: { output: { manualChunks: vendorChunk } },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
