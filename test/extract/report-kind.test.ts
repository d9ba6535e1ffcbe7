// Not a report: notices ordering reports, guides, budgets, catalogues and empty shells are rejected
// with a reason; every real sample, and a report under a cover notice, is kept.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../../src/errors.js';
import { modelFromRows, type DocumentModel } from '../../src/extract/model.js';
import { rejectIfNotReport } from '../../src/extract/report-kind.js';
import { readPdf } from '../../src/extract/text/pdf.js';
import { readTxtString } from '../../src/extract/text/txt.js';
import { SAMPLES } from '../fixtures/samples.js';
import { proseRows } from './helpers.js';

function doc(text: string, title?: string): DocumentModel {
  return modelFromRows('html', proseRows(text), title ? { title } : {});
}

function rejection(model: DocumentModel): { kind: string; message: string } | null {
  try {
    rejectIfNotReport(model);
    return null;
  } catch (err) {
    if (!(err instanceof ExtractError)) throw err;
    return { kind: err.kind, message: err.message };
  }
}

const FILLER = '为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步做好政务公开工作，现将有关事项说明如下。';

describe('real reports are kept', () => {
  it.each(['000_5b187f188d2c1fc2', '001_82da0c68b48e6d43', '002_6ac92d5cb3b88a66', '003_68024565e3af0575'])(
    'seed %s',
    (name) => {
      expect(rejection(readTxtString(readFileSync(path.join(SAMPLES, 'seeds', `${name}.txt`), 'utf8')))).toBeNull();
    },
  );

  it.each(['hongze-2023', 'hongze-2024'])('%s', async (name) => {
    expect(rejection(await readPdf(readFileSync(path.join(SAMPLES, 'peer', `${name}.pdf`))))).toBeNull();
  });

  it('a report published under a cover notice', () => {
    const text = `某某县人民政府办公室关于公布2020年政府信息公开工作年度报告的通知\n${FILLER}\n本报告所列数据统计期限自2020年1月1日起至2020年12月31日止。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况`;
    expect(rejection(doc(text))).toBeNull();
  });

  it('a report under a cover notice that names no verb', () => {
    const text = `关于2020年度政府信息公开工作年度报告的通知\n${FILLER}\n本报告所列数据统计期限自2020年1月1日起至2020年12月31日止。\n二、主动公开政府信息情况`;
    expect(rejection(doc(text))).toBeNull();
  });

  it('a report whose first line is a menu item (no title found) but which has the form’s sections', () => {
    const text = `政府信息公开目录\n一、总体情况\n${FILLER}\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n六、其他需要报告的事项\n无。`;
    expect(rejection(doc(text))).toBeNull();
  });

  it('a report without a title that has the form’s sections', () => {
    expect(rejection(doc(`一、总体情况\n${FILLER}\n六、其他需要报告的事项\n无。`))).toBeNull();
  });
});

describe('other documents are rejected with the reason', () => {
  it('a notice about compiling and publishing the reports', () => {
    const title = '关于做好2020年政府信息公开工作年度报告编制和发布工作的通知';
    // even when it quotes the form's section headings as a template
    const text = `${title}\n各乡镇人民政府，县政府各部门：\n${FILLER}\n年度报告应包括主动公开政府信息情况、收到和处理政府信息公开申请情况等内容，统计期限自2020年1月1日至2020年12月31日。`;
    expect(rejection(doc(text))).toEqual({
      kind: 'not_a_report',
      message: `notice about compiling reports: title '${title}'`,
    });
  });

  it('a circular on how units’ reports were checked', () => {
    const title = '关于2020年度政府信息公开工作年度报告检查情况的通报';
    const text = `${title}\n${FILLER}\n部分单位未写明统计期限，“收到和处理政府信息公开申请情况”表格数据不符，依申请公开办理不规范。`;
    expect(rejection(doc(text))).toEqual({ kind: 'not_a_report', message: `notice about reports: title '${title}'` });
  });

  it('a notice on something else', () => {
    const title = '关于开展2021年政务公开第三方评估工作的通知';
    expect(rejection(doc(`${title}\n${FILLER}`))).toEqual({
      kind: 'not_a_report',
      message: `notice: title '${title}'`,
    });
  });

  it('a disclosure guide', () => {
    const title = '木兰县人民政府政府信息公开指南';
    expect(rejection(doc(`${title}\n${FILLER}\n一、主动公开\n二、依申请公开`))).toEqual({
      kind: 'not_a_report',
      message: `disclosure guide: title '${title}'`,
    });
  });

  it('a budget and a final account', () => {
    expect(rejection(doc(`木兰县教育局2021年部门预算\n${FILLER}`))).toEqual({
      kind: 'not_a_report',
      message: "budget or final accounts: title '木兰县教育局2021年部门预算'",
    });
    expect(rejection(doc(`木兰县教育局2020年度部门决算公开说明\n${FILLER}`))?.message).toBe(
      "budget or final accounts: title '木兰县教育局2020年度部门决算公开说明'",
    );
  });

  it('a catalogue', () => {
    expect(rejection(doc(`木兰县人民政府政府信息公开目录\n${FILLER}`))).toEqual({
      kind: 'not_a_report',
      message: "catalogue or list: title '木兰县人民政府政府信息公开目录'",
    });
  });

  it('a work report on something other than open government information', () => {
    expect(rejection(doc(`2021年木兰县人民政府工作报告\n${FILLER}`))).toEqual({
      kind: 'not_a_report',
      message: "report on something other than open government information: title '2021年木兰县人民政府工作报告'",
    });
  });

  it('a page with neither a report title nor any section of one', () => {
    expect(rejection(doc(`木兰县召开春耕生产动员会\n${FILLER}`))).toEqual({
      kind: 'not_a_report',
      message: "neither an annual-report title nor any report section: title '木兰县召开春耕生产动员会'",
    });
  });

  it('an empty shell', () => {
    expect(rejection(doc('首页 | 登录\nvar x = 1;'))).toEqual({
      kind: 'no_report_content',
      message: 'empty shell: 4 Chinese characters of text',
    });
    expect(rejection(modelFromRows('html', []))).toEqual({
      kind: 'no_report_content',
      message: 'empty shell: 0 Chinese characters of text',
    });
  });

  it('the page title names the notice when the body has no heading', () => {
    const title = '关于报送2020年度政府信息公开工作年度报告的通知';
    expect(rejection(doc(`各单位：\n${FILLER}请于2021年1月20日前报送。`, title))).toEqual({
      kind: 'not_a_report',
      message: `notice about compiling reports: title '${title}'`,
    });
  });
});
