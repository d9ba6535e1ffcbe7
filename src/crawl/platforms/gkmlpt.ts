// gkmlpt, Guangdong's 政府信息公开目录管理平台 (cloud.gd.gov.cn; every 广东 government site):
// /gkmlpt/index carries `window._CONFIG = { SID: '…', TREE: [categories…], … }`; the lists are JSON
// replies of /gkmlpt/api/all/{category}?page=N&sid=SID ({articles: [{url, title, …}], classify:
// {post_count}}). The index page yields the API calls of its 年报 categories; page 1 of a category
// yields its further pages.
import { isoDate } from '../../text/dates.js';
import { fold } from '../../text/normalise.js';
import { isoFromEpoch } from '../page.js';
import type { FetchedPage, ListItem, ListResult, NextRequest } from '../platform.js';
import { jsonBody, nonEmpty, platform, uniqueItems } from './common.js';
import { apiPageUrls } from './pager.js';
import { jsonAt } from './hanweb.js';

export interface GkmlptCategory {
  id: number;
  name: string;
  jump_url?: string;
  children?: GkmlptCategory[];
}

interface GkmlptArticle {
  id?: number;
  title?: string;
  url?: string;
  date?: number;
  created_at?: string;
  display_publish_time?: number;
  document_number?: string;
}

interface GkmlptReply {
  articles: GkmlptArticle[];
  per_page?: number;
  classify?: { post_count?: number };
  total?: number;
}

const REPORT_CATEGORY = /年报|年度报告/;

/** SID and category tree of a /gkmlpt/index page. */
export function gkmlptConfig(body: string): { sid: string; tree: GkmlptCategory[] } | null {
  const at = body.search(/window\._CONFIG\s*=/);
  if (at < 0) return null;
  const config = body.slice(at);
  const sid = /\bSID\s*:\s*['"]?(\w+)['"]?/.exec(config)?.[1];
  const treeAt = config.search(/\bTREE\s*:\s*\[/);
  if (!sid || treeAt < 0) return null;
  const tree = jsonAt(config, config.indexOf('[', treeAt)) as GkmlptCategory[] | null;
  return tree ? { sid, tree } : null;
}

function walk(tree: GkmlptCategory[], visit: (c: GkmlptCategory) => boolean): void {
  for (const c of tree) if (!visit(c) && c.children) walk(c.children, visit);
}

/** Categories to list: the one named in the URL (#id), else those named 年报, else every leaf. */
export function reportCategories(tree: GkmlptCategory[], hash: string): GkmlptCategory[] {
  const found: GkmlptCategory[] = [];
  const wanted = /^#?(\d+)$/.exec(hash)?.[1];
  if (wanted) walk(tree, (c) => (String(c.id) === wanted ? found.push(c) > 0 : false));
  if (!found.length) walk(tree, (c) => (!c.jump_url && REPORT_CATEGORY.test(c.name) ? found.push(c) > 0 : false));
  if (!found.length) walk(tree, (c) => (!c.jump_url && !c.children?.length ? found.push(c) > 0 : false));
  return found;
}

function isReply(data: unknown): data is GkmlptReply {
  return Array.isArray((data as GkmlptReply)?.articles);
}

function articleItem(page: FetchedPage, a: GkmlptArticle): ListItem | null {
  const url = a.url ? page.resolve(a.url) : '';
  const title = fold(a.title);
  if (!url || !title) return null;
  const published =
    typeof a.display_publish_time === 'number' && a.display_publish_time > 0
      ? isoFromEpoch(a.display_publish_time)
      : isoDate(a.created_at);
  return {
    url,
    title,
    published_date: published,
    document_date: typeof a.date === 'number' && a.date > 0 ? isoFromEpoch(a.date) : null,
    doc_number: fold(a.document_number) || null,
  };
}

function replyList(page: FetchedPage, reply: GkmlptReply): ListResult {
  const items = uniqueItems(reply.articles.map((a) => articleItem(page, a)));
  const total = reply.classify?.post_count ?? reply.total ?? null;
  const first = (new URL(page.url).searchParams.get('page') ?? '1') === '1';
  // Page size: as the reply states it, else the length of page 1 (a last page is shorter).
  const per = reply.per_page ?? (first ? reply.articles.length : 0);
  const pages = total !== null && per > 0 ? Math.ceil(total / per) : null;
  return { items, next: apiPageUrls(page.url, pages).map((url) => ({ url })), total, pages };
}

export const gkmlpt = platform({
  name: 'gkmlpt',
  detect: (page) => /\/gkmlpt\//.test(page.url) || /window\._CONFIG\s*=/.test(page.body) || isReply(jsonBody(page)),
  parseList(page) {
    const data = jsonBody(page);
    if (isReply(data)) return nonEmpty(page, replyList(page, data), 'articles');
    const config = gkmlptConfig(page.body);
    const next: NextRequest[] = [];
    if (config) {
      const origin = new URL(page.url).origin;
      for (const c of reportCategories(config.tree, new URL(page.url).hash)) {
        next.push({
          url: `${origin}/gkmlpt/api/all/${c.id}?page=1&sid=${encodeURIComponent(config.sid)}`,
          newList: true,
        });
      }
    }
    return nonEmpty(page, { items: [], next }, 'gkmlpt _CONFIG');
  },
});
