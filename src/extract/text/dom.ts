// Small helpers over the domhandler tree cheerio parses into (no cheerio selectors: one linear walk).
import { parse } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';
import { type AnyNode, Element, type ParentNode } from 'domhandler';
import { ZERO_WIDTH } from '../../text/normalise.js';

/**
 * Elements nested deeper than this are flattened (real pages nest a few dozen deep; a hostile one
 * 100,000): every walk over the tree then recurses at most this deep.
 */
export const MAX_DOM_DEPTH = 256;

/**
 * Open tags nested deeper than this are dropped before parsing: parse5's cost grows with the square
 * of the nesting (100,000 nested divs: minutes), and no real page comes near it.
 */
export const MAX_SOURCE_NESTING = 2000;

/**
 * Parses HTML into a domhandler tree no deeper than MAX_DOM_DEPTH: parse5 with its htmlparser2 tree
 * adapter, as cheerio's load() does, without loading the rest of cheerio (its main entry pulls in
 * undici: half of a one-file `ogi extract`'s start).
 */
export function parseHtml(html: string): ParentNode {
  const root = parse(capNesting(html, MAX_SOURCE_NESTING), {
    treeAdapter: adapter,
    scriptingEnabled: true,
  }) as unknown as ParentNode;
  flattenDeepNesting(root, MAX_DOM_DEPTH);
  return root;
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Tags a parser closes when the same tag opens again (<p>a<p>b, <li>, table cells and rows). */
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'td', 'th', 'tr', 'option']);
const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g;

/** A run of open tags with no text between them longer than this is a wrapper chain: its middle is cut. */
const MAX_WRAPPER_RUN = 32;

/**
 * The HTML with excess nesting cut out, in linear passes over the tags; the text stays. First, in a
 * run of more than MAX_WRAPPER_RUN open tags with nothing between them (wrappers around wrappers),
 * the middle of the run goes, so the outer and the inner structure (a table's <table><tr><td>) stay;
 * then any open tag still nested beyond `max`. The close tags of cut elements go with them. Most
 * pages come back unchanged (the same string).
 */
export function capNesting(html: string, max: number): string {
  // The open tags, each with its place in its run of consecutive open tags.
  const tags: { m: RegExpExecArray; name: string; close: boolean; run: number }[] = [];
  const runs: number[] = []; // run lengths
  let last = 0;
  for (const m of html.matchAll(TAG)) {
    const [tag, slash, raw, selfClose] = m;
    const name = raw.toLowerCase();
    if (VOID.has(name) || selfClose) continue;
    const close = slash === '/';
    const contiguous =
      tags.length > 0 && !tags[tags.length - 1].close && !close && html.slice(last, m.index).trim() === '';
    if (!close) {
      if (contiguous) runs[runs.length - 1]++;
      else runs.push(1);
    }
    tags.push({ m: m as RegExpExecArray, name, close, run: close ? -1 : runs.length - 1 });
    last = m.index + tag.length;
  }
  const keepEnds = MAX_WRAPPER_RUN / 2;
  // Every element still open, innermost last, and whether its open tag was cut.
  const open: { name: string; cut: boolean }[] = [];
  let kept = 0;
  let inRun = 0;
  let run = -1;
  const cuts: [number, number][] = [];
  const cut = (m: RegExpExecArray) => cuts.push([m.index, m.index + m[0].length]);
  const pop = (to: number) => {
    while (open.length > to) if (!open.pop()!.cut) kept--;
  };
  for (const { m, name, close, run: r } of tags) {
    if (!close) {
      if (SELF_CLOSING_SIBLINGS.has(name) && open[open.length - 1]?.name === name) pop(open.length - 1);
      inRun = r === run ? inRun + 1 : 0;
      run = r;
      const length = runs[r];
      const wrapper = length > MAX_WRAPPER_RUN && inRun >= keepEnds && inRun < length - keepEnds;
      const drop = wrapper || kept >= max;
      if (drop) cut(m);
      else kept++;
      open.push({ name, cut: drop });
      continue;
    }
    // A close tag closes the innermost open element of its name (looked for near the top only, so
    // that stray close tags cost a constant each); what was opened above it closes implicitly.
    for (let i = open.length - 1; i >= Math.max(0, open.length - 64); i--) {
      if (open[i].name !== name) continue;
      if (open[i].cut) cut(m);
      pop(i);
      break;
    }
  }
  if (cuts.length === 0) return html;
  const parts: string[] = [];
  let from = 0;
  for (const [start, end] of cuts) {
    parts.push(html.slice(from, start));
    from = end;
  }
  parts.push(html.slice(from));
  return parts.join('');
}

/**
 * Iteratively, without recursion: an element at depth `max` keeps, in document order, the text
 * and line breaks of everything below it — the elements in between are dropped, a block element
 * leaving a <br> where it started and ended, so the text reads the same line by line.
 */
export function flattenDeepNesting(root: ParentNode, max: number): void {
  const stack: [ParentNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth >= max && isElement(node as AnyNode)) {
      if (node.children.some(isElement)) flattenBelow(node as Element);
      continue;
    }
    for (const child of node.children) if (isElement(child)) stack.push([child, depth + 1]);
  }
}

function flattenBelow(el: Element): void {
  const out: AnyNode[] = [];
  const lineBreak = () => new Element('br', {});
  // Work items: a node to visit, or a marker to close a block with a line break.
  const work: (AnyNode | 'break')[] = [...el.children].reverse();
  while (work.length > 0) {
    const item = work.pop()!;
    if (item === 'break') out.push(lineBreak());
    else if (item.type === 'text') out.push(item);
    else if (isElement(item)) {
      if (SKIP.has(item.name) || isHidden(item)) continue;
      if (item.name === 'br') out.push(lineBreak());
      else {
        const block = BLOCK.has(item.name);
        if (block) {
          out.push(lineBreak());
          work.push('break');
        }
        for (let i = item.children.length - 1; i >= 0; i--) work.push(item.children[i]);
      }
    }
  }
  for (const [i, node] of out.entries()) {
    node.parent = el;
    node.prev = out[i - 1] ?? null;
    node.next = out[i + 1] ?? null;
  }
  el.children = out;
}

/** Elements whose content is never page text. */
export const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'select',
  'option',
  'button',
  'input',
  'textarea',
  'head',
  'title',
  'meta',
  'link',
  'map',
  'canvas',
  'audio',
  'video',
  'img',
]);
/** Elements that start a new line. */
export const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'ul',
  'caption',
  'legend',
  'body',
  'html',
  'ucapcontent',
  'tr',
  'td',
  'th',
  'tbody',
  'thead',
  'tfoot',
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

/**
 * Element paths from <body>, each step `name[n]` with n its 1-based index among the element
 * siblings of the same name: "body>div[2]>table[1]>tbody[1]>tr[5]>td[3]" (the parsed tree, as a
 * browser builds it: tbody included). One per document read, memoised in plain maps that go with
 * it (weak maps over every element cost more in garbage collection than the paths themselves), so
 * a table's cells cost one step each.
 */
export class ElementPaths {
  private readonly paths = new Map<Element, string>();
  private readonly siblings = new Map<Element, Map<Element, number>>();

  of(el: Element): string {
    const known = this.paths.get(el);
    if (known !== undefined) return known;
    const parent = el.parent;
    let out: string;
    if (el.name === 'body' || !parent || !isElement(parent as AnyNode) || (parent as Element).name === 'html')
      out = el.name;
    else out = `${this.of(parent as Element)}>${el.name}[${this.siblingIndex(parent as Element, el)}]`;
    this.paths.set(el, out);
    return out;
  }

  private siblingIndex(parent: Element, el: Element): number {
    let indices = this.siblings.get(parent);
    if (!indices) {
      indices = new Map();
      const counts = new Map<string, number>();
      for (const child of parent.children) {
        if (!isElement(child)) continue;
        const n = (counts.get(child.name) ?? 0) + 1;
        counts.set(child.name, n);
        indices.set(child, n);
      }
      this.siblings.set(parent, indices);
    }
    return indices.get(el) ?? 1;
  }
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
