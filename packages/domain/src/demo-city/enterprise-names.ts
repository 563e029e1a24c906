/**
 * Invented names for the demo city's enterprises, by sector.
 *
 * Every name is fictional: an invented two-character brand plus a company-style suffix, shown as
 * `示例·<brand><suffix>` in Chinese and `<Brand> <suffix> (Demo)` in English. Brands were chosen
 * to avoid every company named in reference/jining.json (organisations.test.ts checks this).
 * The number of brands is the number of demo enterprises in that sector.
 */

export interface SectorNaming {
  /** Company-style suffix, e.g. 煤业有限公司. */
  suffixZh: string;
  /** English suffix, e.g. 'Coal Mining Co., Ltd.'. */
  suffixEn: string;
  /** [Chinese brand, pinyin brand] pairs, one per enterprise; unique across all sectors. */
  brands: ReadonlyArray<readonly [zh: string, en: string]>;
}

/** Keyed by sector id (reference/jining.json demoData.sectors[].id, plus 'new_energy'). */
export const enterpriseNamesBySector: Readonly<Record<string, SectorNaming>> = {
  coal_mining: {
    suffixZh: '煤业有限公司',
    suffixEn: 'Coal Mining Co., Ltd.',
    brands: [
      ['邹鲁', 'Zoulu'],
      ['峄岭', 'Yiling'],
      ['泗岳', 'Siyue'],
      ['湖岸', "Hu'an"],
      ['梁泊', 'Liangbo'],
      ['岱阳', 'Daiyang'],
      ['北岫', 'Beixiu'],
      ['东滕', 'Dongteng'],
    ],
  },
  coal_power: {
    suffixZh: '热电有限公司',
    suffixEn: 'Thermal Power Co., Ltd.',
    brands: [
      ['鲁曜', 'Luyao'],
      ['湖光', 'Huguang'],
      ['岳辉', 'Yuehui'],
      ['澄光', 'Chengguang'],
      ['峰明', 'Fengming'],
      ['泰炬', 'Taiju'],
    ],
  },
  coking: {
    suffixZh: '焦化有限公司',
    suffixEn: 'Coking Co., Ltd.',
    brands: [
      ['赤岭', 'Chiling'],
      ['焰岳', 'Yanyue'],
      ['炽峰', 'Chifeng'],
      ['熔川', 'Rongchuan'],
      ['晟焰', 'Shengyan'],
      ['曜石', 'Yaoshi'],
    ],
  },
  methanol: {
    suffixZh: '甲醇化工有限公司',
    suffixEn: 'Methanol Chemical Co., Ltd.',
    brands: [
      ['醇源', 'Chunyuan'],
      ['清醇', 'Qingchun'],
      ['碧川', 'Bichuan'],
      ['汇澈', 'Huiche'],
      ['润岳', 'Runyue'],
    ],
  },
  chlor_alkali: {
    suffixZh: '氯碱化工有限公司',
    suffixEn: 'Chlor-Alkali Chemical Co., Ltd.',
    brands: [
      ['汶澜', 'Wenlan'],
      ['汶盐', 'Wenyan'],
      ['晶汶', 'Jingwen'],
      ['盐川', 'Yanchuan'],
      ['素澜', 'Sulan'],
    ],
  },
  cement_clinker: {
    suffixZh: '水泥有限公司',
    suffixEn: 'Cement Co., Ltd.',
    brands: [
      ['砺岩', 'Liyan'],
      ['磐固', 'Pangu'],
      ['坚峦', 'Jianluan'],
      ['垒岩', 'Leiyan'],
      ['筑岱', 'Zhudai'],
      ['砥峰', 'Difeng'],
    ],
  },
  paper: {
    suffixZh: '纸业有限公司',
    suffixEn: 'Paper Co., Ltd.',
    brands: [
      ['素笺', 'Sujian'],
      ['洁帛', 'Jiebo'],
      ['云笺', 'Yunjian'],
      ['雪宣', 'Xuexuan'],
      ['墨林', 'Molin'],
      ['清翰', 'Qinghan'],
    ],
  },
  tyres: {
    suffixZh: '轮胎有限公司',
    suffixEn: 'Tyre Co., Ltd.',
    brands: [
      ['驰岳', 'Chiyue'],
      ['耐途', 'Naitu'],
      ['远辙', 'Yuanzhe'],
      ['坦程', 'Tancheng'],
      ['稳行', 'Wenxing'],
    ],
  },
  construction_machinery: {
    suffixZh: '工程机械有限公司',
    suffixEn: 'Construction Machinery Co., Ltd.',
    brands: [
      ['擎岳', 'Qingyue'],
      ['力鲁', 'Lilu'],
      ['掘峰', 'Juefeng'],
      ['重岩', 'Chongyan'],
      ['锐擎', 'Ruiqing'],
      ['驭岭', 'Yuling'],
      ['铸锋', 'Zhufeng'],
    ],
  },
  textiles: {
    suffixZh: '纺织有限公司',
    suffixEn: 'Textile Co., Ltd.',
    brands: [
      ['锦泗', 'Jinsi'],
      ['绫川', 'Lingchuan'],
      ['棉岳', 'Mianyue'],
      ['素纱', 'Susha'],
      ['织澜', 'Zhilan'],
      ['云绵', 'Yunmian'],
    ],
  },
  new_energy: {
    suffixZh: '新能源科技有限公司',
    suffixEn: 'New Energy Technology Co., Ltd.',
    brands: [
      ['光岳', 'Guangyue'],
      ['风湖', 'Fenghu'],
      ['储岱', 'Chudai'],
      ['晴川', 'Qingchuan'],
      ['朗晖', 'Langhui'],
      ['聚光', 'Juguang'],
    ],
  },
};
