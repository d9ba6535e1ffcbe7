// A document as the crawler hands it to the store: a PDF attachment fetched on 2 January 2026, with
// no validators and no hints unless the test says otherwise.
import type { NewDocument } from '../../src/workarea/index.js';

export function newDocument(url: string, extra: Partial<NewDocument> = {}): NewDocument {
  return {
    url,
    final_url: url,
    page_url: null,
    content_type: 'application/pdf',
    filename: null,
    fetched_at: '2026-01-02T00:00:00.000Z',
    etag: null,
    last_modified: null,
    kind: 'attachment',
    hints: {},
    ...extra,
  };
}
