/**
 * Starts a checking worker. webpack bundles worker.ts as its own chunk from this exact `new Worker(new URL(…,
 * import.meta.url))` form, served from the page's origin (CSP worker-src 'self').
 */
export function spawnCheckWorker(): Worker {
  // @ts-expect-error -- import.meta is ES-module syntax: webpack compiles this file as one (build/typescript-rule.js); tsconfig.json's CommonJS setting is for Node.
  return new Worker(new URL("./worker.ts", import.meta.url), { name: "budget-check" });
}
