/**
 * One checked workbook: recognised tables, the findings as in the task pane (grouped, filtered), a read-only grid of
 * each sheet with the faulty cells filled, and the downloads (annotated copy, validate JSON, narrative .docx).
 */
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  Field,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular, ArrowLeftRegular, DocumentTextRegular } from "@fluentui/react-icons";
import type { Finding, Severity } from "../core/model/findings";
import type { CellRef, WorkbookData } from "../core/model/workbook";
import { FindingsList } from "../taskpane/components/FindingsList";
import { StatusNotice, type Notice as StatusNoticeValue } from "../taskpane/components/StatusNotice";
import { FindingFilters, toggled } from "../taskpane/components/FindingFilters";
import { downloadBytes, MIME } from "../taskpane/download";
import {
  SEVERITIES,
  countBySeverity,
  errorMessage,
  filterFindings,
  formatCellRef,
  groupByTable,
  recognitionSummary,
  tableFilterOptions,
  tableLabel,
  type GroupKey,
} from "../taskpane/logic";
import { SheetGrid, type GridTarget } from "./SheetGrid";
import { cellKey, indexMerges, sheetExtent, sheetMarks } from "./grid";
import { NarrativeForm } from "./NarrativeForm";
import type { CheckPool } from "./pool";
import type { CheckedFile } from "./protocol";
import { baseName, jsonText } from "./files";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
  },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  counts: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, fontWeight: tokens.fontWeightSemibold },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorBrandForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
  tables: { margin: 0, paddingLeft: "1.2em", fontSize: tokens.fontSizeBase200, columnWidth: "260px" },
  main: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    gap: tokens.spacingHorizontalL,
    "@media (min-width: 960px)": { gridTemplateColumns: "minmax(320px, 2fr) minmax(0, 3fr)" },
  },
  findings: {
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    "@media (min-width: 960px)": {
      maxHeight: "calc(100vh - 120px)",
      overflowY: "auto",
      paddingRight: tokens.spacingHorizontalS,
    },
  },
  gridPane: { minWidth: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  sheetPicker: { minWidth: 0, maxWidth: "100%" },
  select: { width: "100%", minWidth: 0, "& select": { width: "100%", minWidth: 0, textOverflow: "ellipsis" } },
});

const NO_MARKS: ReadonlyMap<string, Severity> = new Map();
/** Findings drawn at first and added per click on 显示更多. */
export const LIST_STEP = 300;
/** The list re-renders only when its findings change, not when a cell is selected. */
const MemoFindingsList = React.memo(FindingsList);

export interface WorkbookViewProps {
  pool: CheckPool;
  id: number;
  checked: CheckedFile;
  /** Shown for a workbook opened from the summary table. */
  onBack?: () => void;
}

interface Selection {
  finding: Finding;
  ref: CellRef;
  nonce: number;
}

type Notice = StatusNoticeValue | undefined;

export function WorkbookView({ pool, id, checked, onBack }: WorkbookViewProps): React.JSX.Element {
  const styles = useStyles();
  const [workbook, setWorkbook] = React.useState<WorkbookData | undefined>();
  const [sheetName, setSheetName] = React.useState<string | undefined>();
  const [selection, setSelection] = React.useState<Selection | undefined>();
  const [severities, setSeverities] = React.useState<Set<Severity>>(() => new Set(SEVERITIES));
  const [tableFilter, setTableFilter] = React.useState<GroupKey | "all">("all");
  const [busy, setBusy] = React.useState<string | undefined>();
  const [notice, setNotice] = React.useState<Notice>();
  const [narrativeOpen, setNarrativeOpen] = React.useState(false);
  const gridRef = React.useRef<HTMLDivElement>(null);

  React.useEffect(() => {
    let live = true;
    pool
      .sheets(id)
      .then((wb) => {
        if (!live) return;
        setWorkbook(wb);
        const firstWithMarks = checked.findings.find((f) => f.cells[0])?.cells[0]?.sheet;
        setSheetName(firstWithMarks ?? checked.tables[0]?.sheet ?? wb.sheets[0]?.name);
      })
      .catch((e: unknown) => live && setNotice({ intent: "error", text: errorMessage("显示工作表", e) }));
    return () => {
      live = false;
    };
  }, [pool, id, checked]);

  const findings = checked.findings;
  const counts = countBySeverity(findings);
  const recognition = recognitionSummary(checked.tables);
  const options = tableFilterOptions(findings);
  const effectiveTable = options.some((o) => o.key === tableFilter) ? tableFilter : "all";
  const shown = React.useMemo(
    () => filterFindings(findings, { severities, table: effectiveTable }),
    [findings, severities, effectiveTable],
  );
  // A workbook of 100 units has thousands of findings: they are drawn in steps, so the page stays quick.
  const [limit, setLimit] = React.useState(LIST_STEP);
  const groups = React.useMemo(() => groupByTable(shown.slice(0, limit)), [shown, limit]);
  const base = baseName(checked.file);

  const onSelectCell = React.useCallback((ref: CellRef, finding: Finding) => {
    setSheetName(ref.sheet);
    setSelection((prev) => ({ finding, ref, nonce: (prev?.nonce ?? 0) + 1 }));
    // On a narrow screen the grid is below the list: bring it into view.
    if (gridRef.current && window.matchMedia("(max-width: 959px)").matches)
      gridRef.current.scrollIntoView({ block: "start" });
  }, []);

  const run = async (label: string, action: string, fn: () => Promise<Notice>) => {
    setBusy(label);
    setNotice(undefined);
    try {
      setNotice(await fn());
    } catch (e) {
      setNotice({ intent: "error", text: errorMessage(action, e) });
    } finally {
      setBusy(undefined);
    }
  };

  const downloadAnnotated = () =>
    run("正在生成标注工作簿…", "生成标注工作簿", async () => {
      const bytes = await pool.annotate(id);
      const name = `${base}-标注.xlsx`;
      downloadBytes(bytes, name, MIME.xlsx);
      return { intent: "success", text: `已下载 ${name}：问题单元格已填色，并新增“校验结果”工作表（原文件未改动）。` };
    });

  const downloadJson = () => {
    const name = `${base}-校验结果.json`;
    downloadBytes(new TextEncoder().encode(jsonText(checked.report)), name, MIME.json);
    setNotice({ intent: "success", text: `已下载 ${name}。` });
  };

  const sheet = workbook?.sheets.find((s) => s.name === sheetName);
  const sheetFocus = (name: string) =>
    new Set(selection ? selection.finding.cells.filter((c) => c.sheet === name).map((c) => cellKey(c.row, c.col)) : []);
  // The other side of a cross-check on another sheet gets its own grid.
  const otherSide = selection?.finding.cells.find((c) => c.sheet !== selection.ref.sheet);
  const otherSheet = otherSide ? workbook?.sheets.find((s) => s.name === otherSide.sheet) : undefined;
  const marksBySheet = React.useMemo(
    () =>
      new Map(
        (workbook?.sheets ?? []).map((s) => [
          s.name,
          sheetMarks(findings, s.name, indexMerges(s.merges, sheetExtent(s).cols)),
        ]),
      ),
    [workbook, findings],
  );
  const marksOf = (s: { name: string }) => marksBySheet.get(s.name) ?? NO_MARKS;
  const visibleSheets = workbook?.sheets.filter((s) => s.visibility !== "veryHidden") ?? [];

  return (
    <section className={styles.root} aria-label={`工作簿 ${checked.file}`} data-testid="workbook-view">
      <div className={styles.row}>
        {onBack && (
          <Button icon={<ArrowLeftRegular />} onClick={onBack} data-testid="back">
            返回汇总
          </Button>
        )}
        <h2 className={styles.title}>{checked.file}</h2>
      </div>
      <div data-testid="summary">
        {checked.department && <Text block>部门/单位：{checked.department}</Text>}
        <div className={styles.counts}>
          <span className={styles.error}>错误 {counts.error}</span>
          <span className={styles.warning}>警告 {counts.warning}</span>
          <span className={styles.info}>提示 {counts.info}</span>
        </div>
        <Text size={200}>
          读取和校验用时 <span data-testid="check-ms">{(checked.ms / 1000).toFixed(2)}</span> 秒；已识别{" "}
          {recognition.found}/{recognition.total} 张表
          {recognition.missing.length > 0 && `；未找到：${recognition.missing.map(tableLabel).join("、")}`}
        </Text>
      </div>
      <details>
        <summary>识别到的公开表（{checked.tables.length}）</summary>
        <ul className={styles.tables} data-testid="tables">
          {checked.tables.map((t) => (
            <li key={`${t.id}|${t.sheet}`}>
              {tableLabel(t.id)} ← 工作表“{t.sheet}”
            </li>
          ))}
        </ul>
      </details>
      <div className={styles.row}>
        <Button
          appearance="primary"
          icon={<ArrowDownloadRegular />}
          onClick={() => void downloadAnnotated()}
          disabled={busy !== undefined}
          data-testid="download-annotated"
        >
          下载标注工作簿
        </Button>
        <Button icon={<ArrowDownloadRegular />} onClick={downloadJson} data-testid="download-json">
          下载校验结果（JSON）
        </Button>
        <Button
          icon={<DocumentTextRegular />}
          onClick={() => setNarrativeOpen((o) => !o)}
          aria-expanded={narrativeOpen}
          data-testid="narrative-toggle"
        >
          生成预算情况说明
        </Button>
      </div>
      <StatusNotice busy={busy} notice={notice} />
      {narrativeOpen && <NarrativeForm pool={pool} id={id} fileBase={base} />}

      <div className={styles.main}>
        <div className={styles.findings}>
          {findings.length > 0 ? (
            <FindingFilters
              counts={counts}
              severities={severities}
              onToggleSeverity={(s) => setSeverities((prev) => toggled(prev, s))}
              options={options}
              table={effectiveTable}
              onTable={setTableFilter}
              shown={shown.length}
              total={findings.length}
            />
          ) : (
            <MessageBar intent="success">
              <MessageBarBody>未发现问题。</MessageBarBody>
            </MessageBar>
          )}
          <MemoFindingsList groups={groups} onSelectCell={onSelectCell} />
          {shown.length > limit && (
            <Button onClick={() => setLimit((n) => n + LIST_STEP)} data-testid="more">
              显示更多（已显示 {limit} / {shown.length} 条）
            </Button>
          )}
        </div>
        <div className={styles.gridPane} ref={gridRef}>
          {!workbook && !notice && <Spinner size="tiny" label="正在显示工作表…" labelPosition="after" />}
          {workbook && (
            <Field label="工作表" className={styles.sheetPicker}>
              <Select
                className={styles.select}
                value={sheetName}
                onChange={(_, d) => setSheetName(d.value)}
                data-testid="sheet-select"
              >
                {visibleSheets.map((s) => {
                  const n = marksOf(s).size;
                  return (
                    <option key={s.name} value={s.name}>
                      {s.name}
                      {n > 0 ? `（${n} 个标记单元格）` : ""}
                    </option>
                  );
                })}
              </Select>
            </Field>
          )}
          {selection && (
            <Text size={200} data-testid="selection">
              已定位：{formatCellRef(selection.ref)}
              {selection.finding.cells.length > 1 &&
                `（对应：${selection.finding.cells
                  .filter((c) => c !== selection.ref)
                  .slice(0, 4)
                  .map(formatCellRef)
                  .join("、")}${selection.finding.cells.length > 5 ? " 等" : ""}）`}
            </Text>
          )}
          {sheet && (
            <SheetGrid
              key={sheet.name}
              sheet={sheet}
              marks={marksOf(sheet)}
              focus={sheetFocus(sheet.name)}
              target={
                selection && selection.ref.sheet === sheet.name
                  ? { row: selection.ref.row, col: selection.ref.col, nonce: selection.nonce }
                  : undefined
              }
              height={otherSheet ? 300 : 520}
              label={`工作表“${sheet.name}”（只读）`}
              testId="grid"
            />
          )}
          {selection && otherSide && otherSheet && (
            <>
              <Text size={200} weight="semibold">
                对应单元格：{formatCellRef(otherSide)}
              </Text>
              <SheetGrid
                key={`other|${otherSheet.name}`}
                sheet={otherSheet}
                marks={marksOf(otherSheet)}
                focus={sheetFocus(otherSheet.name)}
                target={{ row: otherSide.row, col: otherSide.col, nonce: selection.nonce } satisfies GridTarget}
                height={240}
                label={`对应工作表“${otherSheet.name}”（只读）`}
                testId="grid-other"
              />
            </>
          )}
        </div>
      </div>
    </section>
  );
}
