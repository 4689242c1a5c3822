/**
 * A report as neutral blocks, rendered to Markdown (support tickets, clipboard) and to
 * self-contained HTML (exports, the webview) by small renderers, so both always say the same.
 */
export type ReportBlock =
  | { kind: 'paragraph'; text: string; emphasis?: boolean }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  | { kind: 'table'; head: string[]; rows: string[][]; numeric?: number[] }
  | { kind: 'code'; caption?: string; lines: string[] }
  /** Already-made SVG markup; Markdown shows its text alternative instead. */
  | { kind: 'figure'; svg: string; alt: string };

export interface ReportSection {
  title: string;
  blocks: ReportBlock[];
}

export interface ReportDocument {
  title: string;
  subtitle: string[];
  sections: ReportSection[];
  footer: string;
}
