/** The usage text of check-narrative, apart from the command so that --help does not load the checker. */
export const CHECK_NARRATIVE_USAGE = `  budget-check check-narrative <文件.xlsx> --text <说明.txt|说明.docx> [--prior <上年数据.json>] [--json]

  check-narrative  按公开表核对已有的“预算情况说明”：金额、占比、增减、年度、科目名称、序号、重复段落、占位文字等
    --text       说明文件：纯文本（按行）或 Word 文档 .docx（按段落）
    --prior      上年度数据 JSON（与 narrate 相同），用于核对增减额和增长率
    --json       以 JSON 输出（与 validate --json 同形，每条问题另有 quote：行号和原文）`;
