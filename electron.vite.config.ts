import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'

const alias = { '@shared': resolve(import.meta.dirname, 'src/shared') }

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          // Loaded by a worker thread (src/main/evaluation/tokenizePool.ts): it must stay a file of its own.
          tokenizeWorker: resolve(import.meta.dirname, 'src/main/evaluation/tokenizeWorker.ts'),
          // Likewise for src/main/evaluation/distinct/wordPool.ts.
          distinctWordsWorker: resolve(import.meta.dirname, 'src/main/evaluation/distinct/wordsWorker.ts'),
          // Likewise for src/main/workspaceWorker/index.ts (imports, exports, deletes, statistics off the main thread).
          workspaceWorker: resolve(import.meta.dirname, 'src/main/workspaceWorker/worker.ts'),
          // Likewise for src/main/evaluation/embeddings.ts (the embedding model's thread).
          embedWorker: resolve(import.meta.dirname, 'src/main/evaluation/embedWorker.ts'),
        },
        // Shared chunks beside the entries, not in chunks/: a worker's script is found relative to the module that
        // starts it (new URL('./tokenizeWorker.js', import.meta.url)), which may itself be a shared chunk.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    resolve: { alias },
    // A sandboxed preload must be CommonJS.
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    resolve: { alias },
    plugins: [react()],
    build: {
      rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
    },
  },
})
