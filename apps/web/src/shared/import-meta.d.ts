/** What Vite writes into the web UI when it builds it: the build's mode ('production', or 'test' for the browser tests' build). */
interface ImportMeta {
  readonly env: { readonly MODE: string };
}
