/**
 * Example departments in the national 9-table template (amounts in 分; invented but shaped like district budgets
 * published in 元). Every table is derived from these lines, so the examples are consistent by construction.
 */

/** One 功能分类 项 line: where the money goes, split by fund and by 基本 / 项目. */
export interface NationalItem {
  code: string; // 7 digits
  name: string;
  /** 一般公共预算 基本支出 / 项目支出. */
  gpbBasic: number;
  gpbProject: number;
  /** 政府性基金 项目支出. */
  fundProject: number;
  /** 事业收入 funded 基本 / 项目. */
  ownBasic: number;
  ownProject: number;
}

export interface NationalEconomic {
  code: string; // 5 digits
  name: string;
  /** Share weight of the department's 一般公共预算 基本支出 (the amounts are split exactly by weight). */
  weight: number;
}

export interface NationalDepartment {
  key: string;
  department: string;
  year: number;
  items: NationalItem[];
  /** 类 and 款 names (3- and 5-digit codes). */
  names: Record<string, string>;
  economic: NationalEconomic[];
  economicNames: Record<string, string>;
  /** 三公 and 机关运行经费 in 分 (multiples of 100 元 so that 万元 shows them exactly). */
  sangong: { overseas: number; reception: number; purchase: number; operation: number; running: number };
}

const Y = (yuan: number): number => Math.round(yuan * 100);

const CLASS_NAMES: Record<string, string> = {
  "201": "一般公共服务支出",
  "20103": "政府办公厅（室）及相关机构事务",
  "205": "教育支出",
  "20501": "教育管理事务",
  "20502": "普通教育",
  "206": "科学技术支出",
  "20601": "科学技术管理事务",
  "20607": "科学技术普及",
  "208": "社会保障和就业支出",
  "20805": "行政事业单位养老支出",
  "210": "卫生健康支出",
  "21011": "行政事业单位医疗",
  "212": "城乡社区支出",
  "21208": "国有土地使用权出让收入安排的支出",
  "221": "住房保障支出",
  "22102": "住房改革支出",
};

const ECON_NAMES: Record<string, string> = {
  "301": "工资福利支出",
  "30101": "基本工资",
  "30102": "津贴补贴",
  "30103": "奖金",
  "30107": "绩效工资",
  "30108": "机关事业单位基本养老保险缴费",
  "30109": "职业年金缴费",
  "30110": "职工基本医疗保险缴费",
  "30113": "住房公积金",
  "302": "商品和服务支出",
  "30201": "办公费",
  "30205": "水费",
  "30206": "电费",
  "30211": "差旅费",
  "30217": "公务接待费",
  "30228": "工会经费",
  "30229": "福利费",
  "30231": "公务用车运行维护费",
  "30299": "其他商品和服务支出",
  "303": "对个人和家庭的补助",
  "30302": "退休费",
  "30305": "生活补助",
};

const ECONOMIC: NationalEconomic[] = [
  { code: "30101", name: "基本工资", weight: 180 },
  { code: "30102", name: "津贴补贴", weight: 150 },
  { code: "30103", name: "奖金", weight: 40 },
  { code: "30107", name: "绩效工资", weight: 90 },
  { code: "30108", name: "机关事业单位基本养老保险缴费", weight: 60 },
  { code: "30109", name: "职业年金缴费", weight: 30 },
  { code: "30110", name: "职工基本医疗保险缴费", weight: 35 },
  { code: "30113", name: "住房公积金", weight: 45 },
  { code: "30201", name: "办公费", weight: 20 },
  { code: "30205", name: "水费", weight: 3 },
  { code: "30206", name: "电费", weight: 8 },
  { code: "30211", name: "差旅费", weight: 6 },
  { code: "30217", name: "公务接待费", weight: 2 },
  { code: "30228", name: "工会经费", weight: 9 },
  { code: "30229", name: "福利费", weight: 7 },
  { code: "30231", name: "公务用车运行维护费", weight: 5 },
  { code: "30299", name: "其他商品和服务支出", weight: 12 },
  { code: "30302", name: "退休费", weight: 25 },
  { code: "30305", name: "生活补助", weight: 4 },
];

export function nationalDepartments(): NationalDepartment[] {
  return [
    {
      key: "education",
      department: "上海市示例区教育局",
      year: 2026,
      names: CLASS_NAMES,
      economic: ECONOMIC,
      economicNames: ECON_NAMES,
      items: [
        {
          code: "2050101",
          name: "行政运行",
          gpbBasic: Y(8_456_321.37),
          gpbProject: 0,
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2050199",
          name: "其他教育管理事务支出",
          gpbBasic: 0,
          gpbProject: Y(1_250_000),
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2050201",
          name: "学前教育",
          gpbBasic: Y(35_120_455.6),
          gpbProject: Y(6_800_000),
          fundProject: 0,
          ownBasic: Y(1_200_000),
          ownProject: 0,
        },
        {
          code: "2050202",
          name: "小学教育",
          gpbBasic: Y(88_765_432.1),
          gpbProject: Y(12_345_678.9),
          fundProject: 0,
          ownBasic: 0,
          ownProject: Y(560_000),
        },
        {
          code: "2050203",
          name: "初中教育",
          gpbBasic: Y(64_200_300.45),
          gpbProject: Y(9_870_000),
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2080501",
          name: "行政单位离退休",
          gpbBasic: Y(2_345_600.12),
          gpbProject: 0,
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2080505",
          name: "机关事业单位基本养老保险缴费支出",
          gpbBasic: Y(14_532_100.5),
          gpbProject: 0,
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2101101",
          name: "行政单位医疗",
          gpbBasic: Y(1_023_400.33),
          gpbProject: 0,
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2101102",
          name: "事业单位医疗",
          gpbBasic: Y(6_789_012.34),
          gpbProject: 0,
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2210201",
          name: "住房公积金",
          gpbBasic: Y(9_876_543.21),
          gpbProject: 0,
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
      ],
      sangong: { overseas: Y(60_000), reception: Y(12_300), purchase: 0, operation: Y(185_600), running: Y(2_345_600) },
    },
    {
      key: "housing",
      department: "上海市示例区规划和自然资源局",
      year: 2026,
      names: CLASS_NAMES,
      economic: ECONOMIC.filter((e) => !["30103", "30305"].includes(e.code)),
      economicNames: ECON_NAMES,
      items: [
        {
          code: "2010301",
          name: "行政运行",
          gpbBasic: Y(12_345_678.9),
          gpbProject: 0,
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2010350",
          name: "事业运行",
          gpbBasic: Y(3_456_789),
          gpbProject: Y(2_100_000),
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2010399",
          name: "其他政府办公厅（室）及相关机构事务支出",
          gpbBasic: 0,
          gpbProject: Y(4_567_890.12),
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2080505",
          name: "机关事业单位基本养老保险缴费支出",
          gpbBasic: Y(1_987_654.32),
          gpbProject: 0,
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2120801",
          name: "征地和拆迁补偿支出",
          gpbBasic: 0,
          gpbProject: 0,
          fundProject: Y(45_000_000),
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2120802",
          name: "土地开发支出",
          gpbBasic: 0,
          gpbProject: 0,
          fundProject: Y(23_456_789.01),
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2210201",
          name: "住房公积金",
          gpbBasic: Y(1_234_567.89),
          gpbProject: 0,
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
      ],
      sangong: { overseas: 0, reception: Y(8_000), purchase: Y(250_000), operation: Y(96_500), running: Y(1_234_500) },
    },
    {
      key: "science",
      department: "上海市示例区科学技术委员会",
      year: 2026,
      names: CLASS_NAMES,
      economic: ECONOMIC.filter((e) => !["30302", "30231"].includes(e.code)),
      economicNames: ECON_NAMES,
      items: [
        {
          code: "2060101",
          name: "行政运行",
          gpbBasic: Y(5_678_901.23),
          gpbProject: 0,
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2060199",
          name: "其他科学技术管理事务支出",
          gpbBasic: 0,
          gpbProject: Y(3_210_000),
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2060702",
          name: "科普活动",
          gpbBasic: 0,
          gpbProject: Y(876_543.21),
          fundProject: 0,
          ownBasic: 0,
          ownProject: Y(120_000),
        },
        {
          code: "2080505",
          name: "机关事业单位基本养老保险缴费支出",
          gpbBasic: Y(765_432.1),
          gpbProject: 0,
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2101101",
          name: "行政单位医疗",
          gpbBasic: Y(345_678.9),
          gpbProject: 0,
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
        {
          code: "2210201",
          name: "住房公积金",
          gpbBasic: Y(456_789.01),
          gpbProject: 0,
          fundProject: 0,
          ownBasic: 0,
          ownProject: 0,
        },
      ],
      sangong: { overseas: Y(150_000), reception: Y(5_500), purchase: 0, operation: 0, running: Y(876_500) },
    },
  ];
}

export const NATIONAL_CLASS_NAMES = CLASS_NAMES;
