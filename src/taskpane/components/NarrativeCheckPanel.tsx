/**
 * 检查说明: checks an existing 预算情况说明 (pasted text, or a sheet of the workbook) against the recognised tables.
 * Findings are listed like the table findings; clicking one shows its sentence and selects the table cell.
 */
import * as React from "react";
import {
  Badge,
  Button,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { DocumentSearchRegular, LocationRegular } from "@fluentui/react-icons";
import type { ExcelGateway } from "../../hosts/excel/types";
import type { BudgetModel } from "../../core/model/tables";
import type { PriorYearInput } from "../../core/narrative/types";
import { SEVERITY_LABELS, type Severity } from "../../core/model/findings";
import { checkNarrative, type NarrativeFinding } from "../../core/narrative-check";
import { errorMessage, formatCellRef } from "../logic";
import { narrativeSheetCandidates, pastedLines, sheetTextLines } from "../narrative-check";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  full: { width: "100%", minWidth: 0 },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  item: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    cursor: "pointer",
    minWidth: 0,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  chosen: { border: `1px solid ${tokens.colorBrandStroke1}` },
  head: { display: "flex", alignItems: "flex-start", columnGap: tokens.spacingHorizontalS },
  badge: { flexShrink: 0, whiteSpace: "nowrap", marginTop: "2px" },
  message: { margin: 0, overflowWrap: "anywhere", flexGrow: 1, minWidth: 0, lineHeight: tokens.lineHeightBase300 },
  rule: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  where: {
    margin: `${tokens.spacingVerticalXXS} 0 0 0`,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  sentence: {
    margin: `${tokens.spacingVerticalXS} 0 0 0`,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
});

const BADGE_COLOR: Record<Severity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

export interface NarrativeCheckPanelProps {
  gateway: ExcelGateway;
  getModel(): Promise<BudgetModel>;
  /** The prior-year figures of the form above (for growth rates). */
  prior(): PriorYearInput;
}

type Source = "paste" | "sheet";

export function NarrativeCheckPanel({ gateway, getModel, prior }: NarrativeCheckPanelProps): React.JSX.Element {
  const styles = useStyles();
  const [source, setSource] = React.useState<Source>("paste");
  const [text, setText] = React.useState("");
  const [sheets, setSheets] = React.useState<string[] | undefined>();
  const [sheet, setSheet] = React.useState<string | undefined>();
  const [busy, setBusy] = React.useState(false);
  const [status, setStatus] = React.useState<{ intent: "success" | "error" | "warning"; text: string } | undefined>();
  const [findings, setFindings] = React.useState<NarrativeFinding[] | undefined>();
  const [chosen, setChosen] = React.useState<number | undefined>();

  const loadSheets = async () => {
    try {
      const [workbook, model] = await Promise.all([gateway.readWorkbook({ includeNarrativeSheet: true }), getModel()]);
      const names = narrativeSheetCandidates(workbook, model.unrecognizedSheets);
      setSheets(names);
      setSheet((s) => (s && names.includes(s) ? s : names[0]));
    } catch (e) {
      setStatus({ intent: "error", text: errorMessage("读取工作表列表", e) });
    }
  };

  const onSource = (value: Source) => {
    setSource(value);
    if (value === "sheet" && sheets === undefined) void loadSheets();
  };

  const onCheck = async () => {
    setBusy(true);
    setStatus(undefined);
    setChosen(undefined);
    try {
      let lines: string[];
      if (source === "paste") {
        lines = pastedLines(text);
      } else {
        if (!sheet) throw new Error("请先选择说明所在的工作表");
        const ws = (await gateway.readWorkbook({ includeNarrativeSheet: true })).sheets.find((s) => s.name === sheet);
        if (!ws) throw new Error(`找不到工作表“${sheet}”`);
        lines = sheetTextLines(ws);
      }
      if (lines.every((l) => l.trim() === "")) {
        setFindings(undefined);
        setStatus({
          intent: "warning",
          text: source === "paste" ? "请先粘贴说明文字。" : `工作表“${sheet}”中没有文字。`,
        });
        return;
      }
      const model = await getModel();
      const found = checkNarrative({ lines, model, prior: prior() });
      setFindings(found);
      setStatus(
        found.length === 0
          ? { intent: "success", text: "未发现说明与公开表不一致之处。" }
          : {
              intent: found.some((f) => f.severity === "error") ? "error" : "warning",
              text: `发现 ${found.length} 个问题，点击问题可查看原句并定位到表格单元格。`,
            },
      );
    } catch (e) {
      setStatus({ intent: "error", text: errorMessage("检查说明", e) });
    } finally {
      setBusy(false);
    }
  };

  const choose = (i: number) => {
    setChosen(i);
    const cell = findings?.[i]?.cells[0];
    if (cell)
      gateway
        .selectCell(cell)
        .catch((e: unknown) => setStatus({ intent: "error", text: errorMessage(`定位到 ${formatCellRef(cell)} `, e) }));
  };

  return (
    <section className={styles.panel} aria-labelledby="narrative-check-title">
      <h2 id="narrative-check-title" className={styles.title}>
        检查说明
      </h2>
      <Text as="p" size={200}>
        核对已有的“预算情况说明”：金额、占比、增减、年度、科目名称、序号、重复段落和占位文字是否与表格一致。增减率按上方填写的上年数据核对。
      </Text>
      <RadioGroup
        layout="horizontal"
        value={source}
        onChange={(_, d) => onSource(d.value as Source)}
        aria-label="说明来源"
      >
        <Radio value="paste" label="粘贴文字" />
        <Radio value="sheet" label="工作表" />
      </RadioGroup>
      {source === "paste" ? (
        <Field label="说明文字（从 Word 复制后粘贴）">
          <Textarea
            className={styles.full}
            resize="vertical"
            rows={6}
            value={text}
            onChange={(_, d) => setText(d.value)}
          />
        </Field>
      ) : (
        <Field
          label="说明所在的工作表"
          hint={sheets && sheets.length === 0 ? "工作簿中除公开表外没有其他工作表。" : undefined}
        >
          <Dropdown
            className={styles.full}
            value={sheet ?? ""}
            selectedOptions={sheet ? [sheet] : []}
            onOptionSelect={(_, d) => setSheet(d.optionValue)}
            placeholder={sheets === undefined ? "正在读取…" : "选择工作表"}
          >
            {(sheets ?? []).map((n) => (
              <Option key={n} value={n}>
                {n}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      <div>
        <Button appearance="primary" icon={<DocumentSearchRegular />} onClick={() => void onCheck()} disabled={busy}>
          检查说明
        </Button>
      </div>
      <div aria-live="polite">
        {busy && <Spinner size="tiny" label="正在检查…" labelPosition="after" />}
        {status && (
          <MessageBar intent={status.intent} data-testid="narrative-check-status">
            <MessageBarBody>{status.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {findings && findings.length > 0 && (
        <ul className={styles.list} aria-label={`说明核对问题，${findings.length} 条`}>
          {findings.map((f, i) => (
            <li
              key={`${f.rule}-${f.quote.line}-${i}`}
              className={i === chosen ? `${styles.item} ${styles.chosen}` : styles.item}
              tabIndex={0}
              onClick={() => choose(i)}
              onKeyDown={(e) => {
                if (e.key === "Enter" || e.key === " ") {
                  e.preventDefault();
                  choose(i);
                }
              }}
              aria-label={`${SEVERITY_LABELS[f.severity]}：第${f.quote.line}行，${f.message.replace(/[。.]$/, "")}`}
              data-testid="narrative-finding"
              data-rule={f.rule}
              data-line={f.quote.line}
              data-cells={f.cells.map(formatCellRef).join(";")}
            >
              <div className={styles.head}>
                <Badge
                  className={styles.badge}
                  appearance="tint"
                  color={BADGE_COLOR[f.severity]}
                  size="small"
                  shape="rounded"
                >
                  {SEVERITY_LABELS[f.severity]}
                </Badge>
                <p className={styles.message}>
                  {f.message} <span className={styles.rule}>[{f.rule}]</span>
                </p>
              </div>
              <p className={styles.where}>
                第 {f.quote.line} 行
                {f.cells[0] && (
                  <>
                    {" · "}
                    <LocationRegular aria-hidden /> {formatCellRef(f.cells[0])}
                  </>
                )}
              </p>
              {i === chosen && (
                <p className={styles.sentence} data-testid="narrative-sentence">
                  {f.quote.text}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
