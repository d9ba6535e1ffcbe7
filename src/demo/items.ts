// What the demo 年报 column lists, newest first (demo/build.ts writes the pages from this).
export interface DemoItem {
  /** Detail page path under /zfxxgk/zfxxgknb/. */
  path: string;
  title: string;
  date: string;
  source: string;
  /** Seed text (test/fixtures/samples/seeds/) rendered into the page, or into the DOCX attachment. */
  seed?: string;
  /** The report is an attachment of the page: a sample file copied, the seed as DOCX, or a corrupt PDF. */
  attachment?: { file: string; name: string; from: string };
}

export const DEMO_ITEMS: DemoItem[] = [
  {
    path: '202501/t20250120_3006.html',
    title: '淮安市洪泽区人民政府2024年政府信息公开工作年度报告',
    date: '2025-01-20',
    source: '淮安市洪泽区人民政府办公室',
    attachment: {
      file: 'P020250120356012.pdf',
      name: '洪泽区2024年政府信息公开工作年度报告.pdf',
      from: 'peer/hongze-2024.pdf',
    },
  },
  {
    path: '202401/t20240118_3005.html',
    title: '淮安市洪泽区人民政府2023年政府信息公开工作年度报告',
    date: '2024-01-18',
    source: '淮安市洪泽区人民政府办公室',
    attachment: {
      file: 'P020240118512034.pdf',
      name: '洪泽区2023年政府信息公开工作年度报告.pdf',
      from: 'peer/hongze-2023.pdf',
    },
  },
  {
    path: '202012/t20201201_3000.html',
    title: '关于做好2020年度政府信息公开工作年度报告编制工作的通知',
    date: '2020-12-01',
    source: '县政务公开办公室',
  },
  {
    path: '202101/t20210130_3001.html',
    title: '大贵镇2020年政府信息公开工作年度报告',
    date: '2021-01-30',
    source: '木兰县大贵镇人民政府',
    seed: '000_5b187f188d2c1fc2.txt',
  },
  {
    path: '202101/t20210125_3002.html',
    title: '大塅镇2020年政府信息公开工作年度报告',
    date: '2021-01-25',
    source: '铜鼓县大塅镇人民政府',
    seed: '001_82da0c68b48e6d43.txt',
  },
  {
    path: '202101/t20210122_3003.html',
    title: '贾峪镇人民政府2020年政府信息公开工作年度报告',
    date: '2021-01-22',
    source: '荥阳市贾峪镇人民政府',
    seed: '002_6ac92d5cb3b88a66.txt',
  },
  {
    path: '202101/t20210120_3004.html',
    title: '宝清县七星河乡人民政府2020年政府信息公开工作年度报告',
    date: '2021-01-20',
    source: '宝清县七星河乡人民政府',
    seed: '003_68024565e3af0575.txt',
    attachment: {
      file: 'P020210120604417.docx',
      name: '七星河乡2020年政府信息公开工作年度报告.docx',
      from: 'seed-docx',
    },
  },
  {
    path: '202001/t20200115_3007.html',
    title: '贾峪镇人民政府2019年政府信息公开工作年度报告',
    date: '2020-01-15',
    source: '荥阳市贾峪镇人民政府',
    attachment: { file: 'P020200115338120.pdf', name: '贾峪镇2019年政府信息公开工作年度报告.pdf', from: 'corrupt-pdf' },
  },
];
