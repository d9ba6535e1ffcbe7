// Every province-level crawler (31) and the central government, by id.
import type { ProvinceCrawler } from '../src/crawl/define.js';
import beijing from './beijing.js';
import tianjin from './tianjin.js';
import hebei from './hebei.js';
import shanxi from './shanxi.js';
import neimenggu from './neimenggu.js';
import liaoning from './liaoning.js';
import jilin from './jilin.js';
import heilongjiang from './heilongjiang.js';
import shanghai from './shanghai.js';
import jiangsu from './jiangsu.js';
import zhejiang from './zhejiang.js';
import anhui from './anhui.js';
import fujian from './fujian.js';
import jiangxi from './jiangxi.js';
import shandong from './shandong.js';
import henan from './henan.js';
import hubei from './hubei.js';
import hunan from './hunan.js';
import guangdong from './guangdong.js';
import guangxi from './guangxi.js';
import hainan from './hainan.js';
import chongqing from './chongqing.js';
import sichuan from './sichuan.js';
import guizhou from './guizhou.js';
import yunnan from './yunnan.js';
import xizang from './xizang.js';
import shaanxi from './shaanxi.js';
import gansu from './gansu.js';
import qinghai from './qinghai.js';
import ningxia from './ningxia.js';
import xinjiang from './xinjiang.js';
import central from './central.js';

export const crawlers: Record<string, ProvinceCrawler> = {
  beijing,
  tianjin,
  hebei,
  shanxi,
  neimenggu,
  liaoning,
  jilin,
  heilongjiang,
  shanghai,
  jiangsu,
  zhejiang,
  anhui,
  fujian,
  jiangxi,
  shandong,
  henan,
  hubei,
  hunan,
  guangdong,
  guangxi,
  hainan,
  chongqing,
  sichuan,
  guizhou,
  yunnan,
  xizang,
  shaanxi,
  gansu,
  qinghai,
  ningxia,
  xinjiang,
  central,
};

export default crawlers;
