/** Text made safe for HTML and SVG content and attribute values. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
