// CSS modules beside catalog views: Next compiles them; tsc and vitest need their type.
declare module '*.module.css' {
  const classes: { readonly [className: string]: string };
  export default classes;
}
declare module '*.css';
