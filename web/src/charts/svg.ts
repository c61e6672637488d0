// SVG elements need their namespace: dom.ts's h() makes HTML elements only.
// Attributes are presentation attributes (fill, x, width), never style="",
// which the server's Content-Security-Policy (style-src 'self') refuses.
const ns = "http://www.w3.org/2000/svg";

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | null | undefined> = {},
  ...children: Array<SVGElement | string | null | undefined>
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(ns, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}
