/** SQL files are bundled as text (esbuild `text` loader; a small vitest plugin in tests). */
declare module '*.sql' {
  const text: string;
  export default text;
}
