// Webpack and jest load these as assets; TypeScript only needs to know the import is a string.
declare module '*.svg' {
  const url: string;
  export default url;
}
