import { defineConfig } from 'vite';

// The built page is served by `newsdex serve --static web/dist`; relative asset URLs let it work
// under any mount point. During `npm run dev`, /api is proxied to a running `newsdex serve`.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: {
    proxy: { '/api': process.env.NEWSDEX_API ?? 'http://127.0.0.1:8080' },
  },
});
