/** Plain-text reference files (e.g. the action plan's full text) are bundled as text (esbuild `text` loader; the vitest plugin in tests). */
declare module '*.txt' {
  const text: string;
  export default text;
}
