// Small helpers over the domhandler tree cheerio parses into (no cheerio selectors: one linear walk).
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { ZERO_WIDTH } from '../../text/normalise.js';

/** Elements whose content is never page text. */
export const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'select', 'option',
  'button', 'input', 'textarea', 'head', 'title', 'meta', 'link', 'map', 'canvas', 'audio', 'video', 'img',
]);
/** Elements that start a new line. */
export const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'ul', 'caption', 'legend', 'body', 'html', 'ucapcontent',
  'tr', 'td', 'th', 'tbody', 'thead', 'tfoot',
]);

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function isCell(node: AnyNode): node is Element {
  return isElement(node) && (node.name === 'td' || node.name === 'th');
}

export function isIgnorable(node: AnyNode): boolean {
  return node.type === 'comment' || (node.type === 'text' && !/\S/.test(node.data.replace(ZERO_WIDTH, '')));
}

export function isHidden(el: Element): boolean {
  return 'hidden' in el.attribs || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.attribs.style ?? '');
}

/** First descendant element (depth first, document order) that matches. */
export function findFirst(root: ParentNode, test: (el: Element) => boolean): Element | undefined {
  for (const child of root.children) {
    if (!isElement(child)) continue;
    if (test(child)) return child;
    const found = findFirst(child, test);
    if (found) return found;
  }
  return undefined;
}

/** Text content without scripts and styles; `skip` leaves out one subtree. Blocks are space-separated. */
export function textOf(node: ParentNode, skip?: Element): string {
  const parts: string[] = [];
  const collect = (n: AnyNode): void => {
    if (n.type === 'text') parts.push(n.data);
    else if (isElement(n)) {
      if (n === skip || SKIP.has(n.name)) return;
      const brk = BLOCK.has(n.name) || n.name === 'br';
      if (brk) parts.push(' ');
      for (const c of n.children) collect(c);
      if (brk) parts.push(' ');
    } else if (n.type === 'root') for (const c of n.children) collect(c);
  };
  for (const c of node.children) collect(c);
  return parts.join('');
}
