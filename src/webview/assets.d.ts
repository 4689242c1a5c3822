/** Stylesheets imported for their side effect: esbuild writes them to dist/webview/report.css. */
declare module '*.css';
