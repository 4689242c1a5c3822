import type { PageMessage, PageState } from './reportProtocol';

/** The part of the webview API the page uses, typed with the report's own messages. */
export interface ReportVsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}

declare function acquireVsCodeApi(): ReportVsCodeApi;

/** May be called once per page load, so the entry point calls it and passes the result on. */
export function reportVsCodeApi(): ReportVsCodeApi {
  return acquireVsCodeApi();
}
