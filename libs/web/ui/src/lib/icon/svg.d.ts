/** SVG files are bundled as text (the build's `loader: {".svg": "text"}`). */
declare module '*.svg' {
  const content: string;
  export default content;
}
