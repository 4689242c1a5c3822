import { escapeMarkup as e } from './escapeMarkup';
import { REPORT_STYLE } from './reportStyle';

/**
 * The frame of every self-contained HTML report: charset, viewport, a Content-Security-Policy
 * that fetches nothing, the report stylesheet. Exports allow inline styles only; the webview
 * passes its own policy and the nonce of its style element.
 */
export interface HtmlPageOptions {
  lang: string;
  title: string;
  body: string;
  csp?: string;
  styleNonce?: string;
  /** Extra markup for <head>, after the report stylesheet. */
  head?: string;
}

const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

export function htmlPage(options: HtmlPageOptions): string {
  const nonce = options.styleNonce ? ` nonce="${e(options.styleNonce)}"` : '';
  return `<!DOCTYPE html>
<html lang="${e(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${e(options.csp ?? EXPORT_CSP)}">
<title>${e(options.title)}</title>
<style${nonce}>${REPORT_STYLE}</style>
${options.head ?? ''}
</head>
<body>
${options.body}
</body>
</html>
`;
}
