// The metrics a user scrapes (`ogi worker --metrics-port N`, GET /metrics): Prometheus text, one
// sample per queue state, per kind and outcome, per host and outcome, per failure kind, dead letters.
import { describe, expect, it } from 'vitest';
import { metricsText, type ClusterStatus } from '../../src/cluster/status.js';

describe('metricsText', () => {
  it('writes the status as Prometheus samples, labels escaped', () => {
    const s: ClusterStatus = {
      started_at: '2026-01-01T00:00:00.000Z',
      queues: {
        crawl: { waiting: 3, active: 1, completed: 10, failed: 1 },
        extract: { waiting: 0, active: 2, 'waiting-children': 1, completed: 7, failed: 0 },
        ocr: { waiting: 5, active: 2, completed: 3, failed: 1 },
      },
      done: { crawl: 10, extract: 7, ocr: 3 },
      failed: { crawl: 2 },
      doneByHost: { 'www.a.gov.cn': 17 },
      failedByHost: { 'b.gov.cn:8080': 2 },
      failures: { http_404: 1, 'odd"kind': 1 },
      failuresByHost: { 'www.a.gov.cn': 2 },
      rate: { crawl: 0.5, extract: 0.3, ocr: 0.1 },
      eta_seconds: 6,
      dead: [
        { kind: 'crawl', id: 'req-1', url: 'http://b.gov.cn:8080/x', attempts: 3, error: 'boom' },
        { kind: 'ocr', id: 'ocr-1', url: 'http://www.a.gov.cn/scan.pdf', attempts: 3, error: 'page 2: crashed' },
      ],
    };
    expect(metricsText(s).split('\n')).toEqual([
      '# HELP ogi_queue_jobs Jobs in each queue, by state.',
      '# TYPE ogi_queue_jobs gauge',
      'ogi_queue_jobs{kind="crawl",state="waiting"} 3',
      'ogi_queue_jobs{kind="crawl",state="active"} 1',
      'ogi_queue_jobs{kind="crawl",state="completed"} 10',
      'ogi_queue_jobs{kind="crawl",state="failed"} 1',
      'ogi_queue_jobs{kind="extract",state="waiting"} 0',
      'ogi_queue_jobs{kind="extract",state="active"} 2',
      'ogi_queue_jobs{kind="extract",state="waiting-children"} 1',
      'ogi_queue_jobs{kind="extract",state="completed"} 7',
      'ogi_queue_jobs{kind="extract",state="failed"} 0',
      'ogi_queue_jobs{kind="ocr",state="waiting"} 5',
      'ogi_queue_jobs{kind="ocr",state="active"} 2',
      'ogi_queue_jobs{kind="ocr",state="completed"} 3',
      'ogi_queue_jobs{kind="ocr",state="failed"} 1',
      '# HELP ogi_jobs_total Jobs finished, by kind and outcome.',
      '# TYPE ogi_jobs_total counter',
      'ogi_jobs_total{kind="crawl",outcome="done"} 10',
      'ogi_jobs_total{kind="extract",outcome="done"} 7',
      'ogi_jobs_total{kind="ocr",outcome="done"} 3',
      'ogi_jobs_total{kind="crawl",outcome="failed"} 2',
      '# HELP ogi_host_jobs_total Jobs finished, by host and outcome.',
      '# TYPE ogi_host_jobs_total counter',
      'ogi_host_jobs_total{host="www.a.gov.cn",outcome="done"} 17',
      'ogi_host_jobs_total{host="b.gov.cn:8080",outcome="failed"} 2',
      '# HELP ogi_failures_total Failures recorded (failures.jsonl), by kind.',
      '# TYPE ogi_failures_total counter',
      'ogi_failures_total{kind="http_404"} 1',
      'ogi_failures_total{kind="odd\\"kind"} 1',
      '# HELP ogi_dead_letters Jobs that failed every attempt.',
      '# TYPE ogi_dead_letters gauge',
      'ogi_dead_letters{kind="crawl"} 1',
      'ogi_dead_letters{kind="extract"} 0',
      'ogi_dead_letters{kind="ocr"} 1',
      '',
    ]);
  });
});
