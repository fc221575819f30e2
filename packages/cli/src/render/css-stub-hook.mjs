// A Node module hook for running the renderers from TypeScript sources: a CSS
// module import becomes an object whose class names are the keys asked for.
// Markup is inspected, never styled, so nothing else of the CSS matters.
export async function load(url, context, nextLoad) {
  if (url.endsWith('.css')) {
    return {
      format: 'module',
      shortCircuit: true,
      source: 'export default new Proxy({}, { get: (_, key) => (typeof key === "string" ? key : undefined) });',
    };
  }
  return nextLoad(url, context);
}
