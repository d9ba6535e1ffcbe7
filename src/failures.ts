// Failure kinds: the machine-readable `kind` of every Failure the pipeline records (failures.jsonl,
// failures.csv, `ogi extract` stderr), as ONE closed union, each with a Chinese and an English
// description. The codebook lists them all; test/failures.test.ts checks that every kind the code can
// emit is here (a type-level exhaustive map below, and a scan of src/ for kind literals).

/** Why a document could not be extracted (thrown as ExtractError, src/errors.ts). */
export type ExtractErrorKind =
  | 'empty_file' // zero bytes, or only whitespace
  | 'too_large' // over the size cap (see MAX_DOCUMENT_BYTES)
  | 'unsupported_format' // bytes are none of html/pdf/docx/doc/txt/image
  | 'corrupt_pdf' // pdf.js cannot parse it
  | 'encrypted_pdf' // password-protected
  | 'no_text_layer' // scanned PDF: pages but no text, and OCR read nothing either
  | 'needs_ocr' // scanned pages, OCR turned off (--no-ocr)
  | 'ocr_unavailable' // scanned pages, but the OCR engine is not installed
  | 'ocr_failed' // the OCR engine or the page renderer failed on the document
  | 'corrupt_image' // an image (or a scanned page) that cannot be decoded
  | 'unreadable_scan' // OCR ran, but read the scan with too little confidence to trust
  | 'corrupt_docx' // zip/XML broken
  | 'corrupt_doc' // OLE/Word binary broken
  | 'decode_failed' // text in no charset we can read
  | 'no_report_content' // readable, but no report in it (an empty HTML shell)
  | 'not_a_report' // a notice, guide, budget…: recognised and rejected with a reason
  | 'not_found' // `ogi extract`: no such file
  | 'not_a_file' // a directory, pipe, device or socket: only regular files are read
  | 'resource_limit' // the document took more memory, CPU time, wall time or output than allowed
  | 'extractor_crashed' // the extractor process died on the document
  | 'internal_error'; // the extractor broke (a bug, not the document)

/** An HTTP status the crawl could not accept (http_404, http_500…): a pattern family. */
export type HttpFailureKind = `http_${number}`;

/** Why a list page, detail page or document could not be fetched (FetchError, the router). */
export type FetchFailureKind =
  | HttpFailureKind
  | 'timeout'
  | 'network'
  | 'blocked'
  | 'challenge'
  | 'robots'
  | 'not_allowed'
  | 'too_large'
  | 'too_many_redirects'
  | 'layout_changed'
  | 'budget_exhausted'
  | 'pager_loop'
  | 'count_mismatch'
  | 'not_an_image'; // a picture of a report published as pictures that is no picture (an error page, a broken file)

/** Every failure kind. */
export type FailureKind =
  | ExtractErrorKind
  | FetchFailureKind
  | 'bad_record' // publish: a record file that is not a record
  | 'error'; // the crawler's handler broke (a bug, not the site)

export interface KindDescription {
  zh: string;
  en: string;
}

/** Every kind but the http_<status> family, described. A kind added to the union must be added here (tsc). */
export const FAILURE_KINDS: { readonly [K in Exclude<FailureKind, HttpFailureKind>]: KindDescription } = {
  empty_file: { zh: '空文件', en: 'The file is empty (zero bytes or only whitespace).' },
  too_large: { zh: '文件过大', en: 'Over the size cap for a report (50 MB).' },
  unsupported_format: { zh: '格式不支持', en: 'Not HTML, PDF, DOCX, DOC, plain text or a picture.' },
  corrupt_pdf: { zh: 'PDF损坏', en: 'A PDF that cannot be parsed.' },
  encrypted_pdf: { zh: 'PDF加密', en: 'A password-protected PDF.' },
  no_text_layer: { zh: '扫描件无文字层', en: 'A scanned PDF: pages, but no text to read, and OCR found none either.' },
  needs_ocr: { zh: '扫描件，未做文字识别', en: 'Scanned pages that need OCR, which was turned off (--no-ocr).' },
  ocr_unavailable: {
    zh: '扫描件，文字识别程序未安装',
    en: 'Scanned pages, but the OCR engine (tesseract with chi_sim) is not installed.',
  },
  ocr_failed: { zh: '文字识别失败', en: 'The OCR engine or the page renderer failed on the document.' },
  corrupt_image: { zh: '图片损坏', en: 'An image, or a scanned page, that cannot be decoded.' },
  unreadable_scan: {
    zh: '扫描件无法可靠识别',
    en: 'A scan OCR read with too little confidence to trust (too low a resolution, too much noise).',
  },
  corrupt_docx: { zh: 'DOCX损坏', en: 'A DOCX whose zip or XML is broken.' },
  corrupt_doc: { zh: 'DOC损坏', en: 'A Word 97–2003 file that cannot be read.' },
  decode_failed: { zh: '无法解码', en: 'Text in no character set that can be read.' },
  no_report_content: { zh: '无报告内容', en: 'Readable, but no report in it (e.g. an empty HTML shell).' },
  not_a_report: { zh: '非年度报告', en: 'Recognised as something else (a notice, a guide, a budget…) and left out.' },
  timeout: { zh: '请求超时', en: 'The server did not answer in time.' },
  network: { zh: '网络错误', en: 'Connection refused or reset, DNS failure, TLS error.' },
  blocked: {
    zh: '访问被拒',
    en: 'The site refuses this client (HTTP 403, throttling that does not stop, a challenge that cannot be passed).',
  },
  challenge: { zh: '需通过验证', en: 'The site answered with a JavaScript challenge (HTTP 412).' },
  robots: { zh: 'robots.txt禁止', en: 'robots.txt disallows the page; it was not fetched.' },
  not_allowed: { zh: '站点不在许可范围', en: 'A host outside *.gov.cn and the allowed hosts; it was not fetched.' },
  too_many_redirects: { zh: '重定向过多', en: 'More than 10 redirects.' },
  not_an_image: {
    zh: '图片页不是图片',
    en: 'A page of a report published as pictures is no picture (an error page or a broken file): that page is missing from the record.',
  },
  layout_changed: { zh: '页面结构已变', en: 'The list page no longer has the layout its crawler expects.' },
  budget_exhausted: {
    zh: '超出抓取预算',
    en: 'A list went past a budget of the run (items per page, pages per list or per host); the message gives the numbers.',
  },
  pager_loop: {
    zh: '分页循环',
    en: 'A list page repeats the items of earlier pages; its further pages were not followed.',
  },
  count_mismatch: {
    zh: '条数不符',
    en: 'A list announces more records (or pages) than the crawl found in it; the message gives both numbers.',
  },
  not_found: { zh: '文件不存在', en: 'No such file (ogi extract).' },
  not_a_file: { zh: '不是普通文件', en: 'A directory, named pipe, device or socket: only regular files are read.' },
  resource_limit: {
    zh: '超出资源限制',
    en: 'The document needed more memory, CPU time, wall time or output than one document may have; the message names the limit.',
  },
  extractor_crashed: {
    zh: '解析进程崩溃',
    en: 'The extractor process died on this document; the other documents were extracted.',
  },
  bad_record: { zh: '记录文件无效', en: 'A stored record file that is not a valid record.' },
  internal_error: { zh: '程序内部错误', en: 'The extractor broke on this document (a bug, not the document).' },
  error: { zh: '抓取程序错误', en: 'The crawler broke on this page (a bug, not the site).' },
};

const HTTP_KIND = /^http_(\d{3})$/;

export const HTTP_KIND_DESCRIPTION: KindDescription = {
  zh: 'HTTP错误（状态码）',
  en: 'The server answered with this HTTP status (http_404 not found, http_500 server error…).',
};

export function isFailureKind(kind: string): kind is FailureKind {
  return HTTP_KIND.test(kind) || Object.hasOwn(FAILURE_KINDS, kind);
}

/** The description of a kind (http_<status> by its family); null for a string that is no kind. */
export function describeKind(kind: string): KindDescription | null {
  if (HTTP_KIND.test(kind)) {
    const status = kind.slice(5);
    return { zh: `HTTP错误（${status}）`, en: `The server answered HTTP ${status}.` };
  }
  return Object.hasOwn(FAILURE_KINDS, kind) ? FAILURE_KINDS[kind as keyof typeof FAILURE_KINDS] : null;
}
