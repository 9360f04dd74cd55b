/**
 * The task pane. Talks to Excel only through the ExcelGateway; the checks run in the pane with checkWorkbook.
 */
import * as React from "react";
import {
  Button,
  Checkbox,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  ArrowSyncRegular,
  CheckmarkCircleRegular,
  DocumentTableRegular,
  EraserRegular,
  FolderOpenRegular,
} from "@fluentui/react-icons";
import type { ExcelGateway } from "../hosts/excel/types";
import type { CellRef } from "../core/model/workbook";
import { SEVERITY_LABELS, type CheckOptions, type Severity } from "../core/model/findings";
import type { CheckResult } from "../core/engine";
import type { Catalog } from "../core/catalog/catalog";
import { FormulaLoader, RULES_SETTING, rulesFromSetting, type LoadedRules } from "./components/FormulaLoader";
import { FindingsList } from "./components/FindingsList";
import { StatusNotice, type Notice } from "./components/StatusNotice";
import { readFileBytes } from "./files";
import { SAVE_REMINDER, capabilityNotes, clearNotice, highlightNotice } from "./host-messages";
import {
  SEVERITIES,
  countBySeverity,
  debounce,
  errorMessage,
  filterFindings,
  formatCellRef,
  groupByTable,
  recognitionSummary,
  tableFilterOptions,
  tableLabel,
  type GroupKey,
} from "./logic";

// Loaded on first use (webpack splits them off the first paint): the narrative tab with the Word export, and the
// official catalog's file parsing.
const NarrativePanel = React.lazy(() =>
  import("./components/NarrativePanel").then((m) => ({ default: m.NarrativePanel })),
);
// The engine (recognition, rules, built-in catalog) is fetched right after the first paint, before any click needs it.
const TableFilter = React.lazy(() => import("./components/TableFilter"));
const loadEngine = () => import("../core/engine");
const loadCatalogParsing = () => Promise.all([import("../hosts/xlsx/catalog-bytes"), import("../core/catalog")]);

/** Edits are re-checked this long after the last one, so typing a row does not run a check per cell. */
export const AUTO_REVALIDATE_DELAY_MS = 1500;

const useStyles = makeStyles({
  root: {
    boxSizing: "border-box",
    width: "100%",
    maxWidth: "100%",
    minWidth: 0,
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    overflowWrap: "anywhere",
  },
  header: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase500,
  },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  summary: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  counts: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, fontWeight: tokens.fontWeightSemibold },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorBrandForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
  dropdown: { minWidth: 0, width: "100%", maxWidth: "100%" },
  hidden: { display: "none" },
  nowrap: { whiteSpace: "nowrap" },
  tabs: { flexWrap: "wrap" },
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
});

export interface AppProps {
  gateway: ExcelGateway;
}

export function App({ gateway }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [tab, setTab] = React.useState<"check" | "narrative">("check");
  // The narrative tab mounts on its first opening and stays mounted (its form keeps what was typed).
  const [narrativeOpened, setNarrativeOpened] = React.useState(false);
  React.useEffect(() => {
    void loadEngine().catch(() => undefined); // prefetch; a failure shows when 校验 loads it again
  }, []);
  const [busy, setBusy] = React.useState<string | undefined>();
  const [result, setResult] = React.useState<CheckResult | undefined>();
  const [marked, setMarked] = React.useState<number | undefined>();
  const [highlighted, setHighlighted] = React.useState(false);
  const [notice, setNotice] = React.useState<Notice | undefined>();
  const [severities, setSeverities] = React.useState<Set<Severity>>(() => new Set(SEVERITIES));
  const [tableFilter, setTableFilter] = React.useState<GroupKey | "all">("all");
  const [autoCheck, setAutoCheck] = React.useState(false);
  const [catalog, setCatalog] = React.useState<Catalog | undefined>();
  const [rules, setRules] = React.useState<LoadedRules | undefined>();
  const fileInput = React.useRef<HTMLInputElement>(null);
  const busyRef = React.useRef(false);
  const capabilities = React.useMemo(() => safeCapabilities(gateway), [gateway]);

  React.useEffect(() => {
    let live = true;
    // Audit formulas remembered in this workbook.
    gateway
      .loadSetting<{ name?: string; text?: string }>(RULES_SETTING)
      .then(async (saved) => {
        const loaded = await rulesFromSetting(saved);
        if (live) setRules((cur) => cur ?? loaded);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [gateway]);

  React.useEffect(() => {
    let live = true;
    gateway
      .hasHighlights()
      .then((has) => live && setHighlighted(has))
      .catch(() => undefined); // only enables 清除标记; a failure here is not worth a message
    return () => {
      live = false;
    };
  }, [gateway]);

  /** Runs one action with the busy state: "busy" when another action is running, "failed" when it threw. */
  const run = React.useCallback(
    async (
      label: string,
      action: string,
      fn: () => Promise<Notice | undefined>,
    ): Promise<"done" | "busy" | "failed"> => {
      if (busyRef.current) return "busy";
      busyRef.current = true;
      setBusy(label);
      setNotice(undefined);
      try {
        setNotice(await fn());
        return "done";
      } catch (e) {
        setNotice({ intent: "error", text: errorMessage(action, e) });
        return "failed";
      } finally {
        busyRef.current = false;
        setBusy(undefined);
      }
    },
    [],
  );

  const validate = React.useCallback(
    (options: CheckOptions = { officialCatalog: catalog, formulas: rules?.formulas }) =>
      run("正在校验…", "校验", async () => {
        const [workbook, { checkWorkbook }] = await Promise.all([gateway.readWorkbook(), loadEngine()]);
        const checked = checkWorkbook(workbook, options);
        setResult(checked);
        setMarked(undefined);
        // Always called, even with no finding: the gateway first restores the fills of the previous pass.
        const h = await gateway.applyHighlights(checked.findings);
        setMarked(h.cells);
        setHighlighted(h.cells > 0 || (await gateway.hasHighlights()));
        return highlightNotice(h);
      }),
    [catalog, rules, gateway, run],
  );

  // Automatic re-check after edits: subscribe while the box is ticked.
  // The subscription calls the latest validate without re-subscribing on each render; the ref is updated after
  // render (React forbids writing refs during render), before the effect below runs.
  const validateRef = React.useRef(validate);
  React.useEffect(() => {
    validateRef.current = validate;
  }, [validate]);
  React.useEffect(() => {
    if (!autoCheck) return undefined;
    let live = true;
    // When another action is running the check is not started: try again after the same delay.
    const debounced = debounce(() => {
      void validateRef.current().then((outcome) => {
        if (outcome === "busy" && live) debounced();
      });
    }, AUTO_REVALIDATE_DELAY_MS);
    let unsubscribe: (() => Promise<void>) | undefined;
    gateway
      .onUserEdit(() => debounced())
      .then((off) => {
        if (live) unsubscribe = off;
        else void off();
      })
      .catch((e: unknown) => {
        setAutoCheck(false);
        setNotice({ intent: "error", text: errorMessage("开启自动重新校验", e) });
      });
    return () => {
      live = false;
      debounced.cancel();
      if (unsubscribe) void unsubscribe().catch(() => undefined);
    };
  }, [autoCheck, gateway]);

  const selectCell = React.useCallback(
    (ref: CellRef) => {
      gateway
        .selectCell(ref)
        .catch((e: unknown) => setNotice({ intent: "error", text: errorMessage(`定位到 ${formatCellRef(ref)} `, e) }));
    },
    [gateway],
  );

  const clear = () =>
    run("正在清除标记…", "清除标记", async () => {
      const r = await gateway.clearHighlights();
      // Marks on protected sheets stay saved: 清除标记 stays enabled for them.
      setHighlighted(r.protectedSheets.length > 0);
      setMarked(undefined);
      return clearNotice(r);
    });

  const writeResults = () =>
    run("正在生成校验结果表…", "生成校验结果表", async () => {
      if (!result) return { intent: "warning", text: "请先点击“校验”。" };
      await gateway.writeResultsSheet(result.findings, result.tables);
      return { intent: "success", text: `已生成工作表“校验结果”（${result.findings.length} 条）。` };
    });

  const loadCatalog = async (file: File) => {
    if (!/\.(csv|txt|xlsx)$/i.test(file.name)) {
      setNotice({
        intent: "warning",
        text: `暂不支持“${file.name}”：请选择 .xlsx 或 .csv 格式的科目表（编码、名称两列）。`,
      });
      return;
    }
    try {
      const [{ assertCatalogSize, catalogRowsFromBytes }, { catalogFromRows }] = await loadCatalogParsing();
      assertCatalogSize(file.size, file.name); // before reading: a wrong multi-GB file must not fill the pane's memory
      const rows = catalogRowsFromBytes(await readFileBytes(file), file.name);
      const { catalog: loaded, problems } = catalogFromRows(rows, file.name);
      if (loaded.size() === 0) {
        setNotice({ intent: "error", text: `${problems.join("；")}。科目表需要编码、名称两列。` });
        return;
      }
      setCatalog(loaded);
      // Re-check with the catalog first: the check replaces the notice, and a failure of it must stay visible.
      const outcome = result ? await validate({ officialCatalog: loaded, formulas: rules?.formulas }) : undefined;
      if (outcome === "failed") return;
      const skipped =
        problems.length > 0 ? `另有 ${problems.length} 行未读入，如：${problems.slice(0, 2).join("；")}。` : "";
      setNotice({
        intent: problems.length > 0 ? "warning" : "success",
        text: `已加载官方科目表“${file.name}”（${loaded.size()} 条），科目名称将严格核对${outcome === "done" ? "，已重新校验" : ""}。${skipped}`,
      });
    } catch (e) {
      setNotice({ intent: "error", text: errorMessage("加载官方科目表", e) });
    }
  };

  const changeRules = async (next: LoadedRules | undefined) => {
    setRules(next);
    try {
      await gateway.saveSetting(RULES_SETTING, next ? { name: next.name, text: next.text } : null);
    } catch (e) {
      setNotice({ intent: "warning", text: errorMessage("保存审核公式到工作簿", e) });
      return;
    }
    const outcome = result ? await validate({ officialCatalog: catalog, formulas: next?.formulas }) : undefined;
    if (outcome === "failed") return;
    setNotice({
      intent: "success",
      text: next
        ? `已加载审核公式“${next.name}”（${next.formulas.length} 条），已保存在本工作簿中${outcome === "done" ? "，已重新校验" : ""}。`
        : `已移除审核公式${outcome === "done" ? "，已重新校验" : ""}。`,
    });
  };

  const getModel = React.useCallback(async () => {
    if (result) return result.model;
    const [{ checkWorkbook }, workbook] = await Promise.all([loadEngine(), gateway.readWorkbook()]);
    return checkWorkbook(workbook, { officialCatalog: catalog }).model;
  }, [catalog, gateway, result]);

  const toggleSeverity = (s: Severity) =>
    setSeverities((prev) => {
      const next = new Set(prev);
      if (next.has(s)) next.delete(s);
      else next.add(s);
      return next;
    });

  const counts = result ? countBySeverity(result.findings) : undefined;
  const recognition = result ? recognitionSummary(result.tables) : undefined;
  const options = result ? tableFilterOptions(result.findings) : [];
  const effectiveTable = options.some((o) => o.key === tableFilter) ? tableFilter : "all";
  const shown = result ? filterFindings(result.findings, { severities, table: effectiveTable }) : [];
  const groups = groupByTable(shown);

  return (
    <main className={styles.root} aria-busy={busy !== undefined}>
      <h1 className={styles.header}>预算公开表校验</h1>
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_, d) => {
          setTab(d.value as "check" | "narrative");
          if (d.value === "narrative") setNarrativeOpened(true);
        }}
        aria-label="功能"
      >
        <Tab value="check">表格校验</Tab>
        <Tab value="narrative">预算情况说明</Tab>
      </TabList>

      <div className={tab === "check" ? styles.panel : styles.hidden}>
        <div className={styles.summary}>
          <div className={styles.row}>
            <Button
              appearance="primary"
              icon={result ? <ArrowSyncRegular /> : <CheckmarkCircleRegular />}
              onClick={() => void validate()}
              disabled={busy !== undefined}
              data-testid="validate"
            >
              {result ? "重新校验" : "校验"}
            </Button>
            <Button
              icon={<EraserRegular />}
              onClick={() => void clear()}
              disabled={busy !== undefined || !highlighted}
              data-testid="clear"
            >
              清除标记
            </Button>
          </div>
          <Checkbox
            checked={autoCheck}
            disabled={!capabilities.events}
            onChange={(_, d) => setAutoCheck(d.checked === true)}
            label={capabilities.events ? "编辑后自动重新校验" : "编辑后自动重新校验（当前 Excel 版本不支持）"}
          />
          <div className={styles.row}>
            <Button
              icon={<DocumentTableRegular />}
              onClick={() => void writeResults()}
              disabled={busy !== undefined || !result}
            >
              生成校验结果表
            </Button>
            <Button
              icon={<FolderOpenRegular />}
              onClick={() => fileInput.current?.click()}
              disabled={busy !== undefined}
            >
              加载官方科目表
            </Button>
            <input
              ref={fileInput}
              className={styles.hidden}
              type="file"
              accept=".xlsx,.csv,.txt"
              aria-label="选择官方科目表文件（.xlsx 或 .csv）"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = ""; // the same file can be chosen again
                if (file) void loadCatalog(file);
              }}
            />
          </div>
          {capabilities.notes.map((n) => (
            <Text key={n} size={200} className={styles.muted} data-testid="host-note">
              {n}
            </Text>
          ))}
          <Text size={200} className={styles.muted}>
            {catalog
              ? `科目表：${catalog.label}`
              : "科目表：内置（部分）。可加载官方科目表（.xlsx 或 .csv，编码、名称两列）"}
          </Text>
          <div className={styles.row}>
            <FormulaLoader
              rules={rules}
              disabled={busy !== undefined}
              onLoaded={(r) => void changeRules(r)}
              onCleared={() => void changeRules(undefined)}
              onError={(message) => setNotice({ intent: "error", text: message })}
            />
          </div>
        </div>

        <StatusNotice busy={busy} notice={notice} />

        {result && counts && recognition && (
          <section aria-label="校验结果摘要" className={styles.summary} data-testid="summary">
            <div className={styles.counts}>
              <span className={styles.error}>错误 {counts.error}</span>
              <span className={styles.warning}>警告 {counts.warning}</span>
              <span className={styles.info}>提示 {counts.info}</span>
            </div>
            <Text size={200}>
              已识别 {recognition.found}/{recognition.total} 张表
              {recognition.missing.length > 0 && (
                // Full names while they fit; a long list of names would push the findings off the pane.
                <span title={recognition.missing.map(tableLabel).join("\n")}>
                  ；未找到：
                  {recognition.missing.map((id, i) => (
                    <span key={id} className={styles.nowrap}>
                      {recognition.missing.length <= 3 ? tableLabel(id) : `表${id}`}
                      {i < recognition.missing.length - 1 ? "、" : ""}
                    </span>
                  ))}
                </span>
              )}
            </Text>
            {marked !== undefined && (
              <Text size={200} data-testid="marked">
                已标记 {marked} 个单元格{marked > 0 ? `。${SAVE_REMINDER}` : ""}
              </Text>
            )}
          </section>
        )}

        {result && result.findings.length > 0 && (
          <section aria-label="筛选" className={styles.summary}>
            <div className={styles.row} role="group" aria-label="按严重程度筛选">
              {SEVERITIES.map((s) => (
                <ToggleButton
                  key={s}
                  size="small"
                  checked={severities.has(s)}
                  onClick={() => toggleSeverity(s)}
                  aria-label={`显示${SEVERITY_LABELS[s]}`}
                >
                  {SEVERITY_LABELS[s]} {counts?.[s] ?? 0}
                </ToggleButton>
              ))}
            </div>
            <React.Suspense fallback={null}>
              <TableFilter
                className={styles.dropdown}
                options={options}
                selected={effectiveTable}
                onSelect={(key) => setTableFilter((key as GroupKey | "all" | undefined) ?? "all")}
              />
            </React.Suspense>
            <Text size={200} className={styles.muted}>
              显示 {shown.length} / {result.findings.length} 条
            </Text>
          </section>
        )}

        {result && result.findings.length === 0 && (
          <MessageBar intent="success">
            <MessageBarBody>未发现问题。</MessageBarBody>
          </MessageBar>
        )}

        {result && <FindingsList groups={groups} onSelectCell={selectCell} />}
      </div>

      <div className={tab === "narrative" ? undefined : styles.hidden}>
        {narrativeOpened && (
          <React.Suspense fallback={<Spinner size="tiny" label="正在加载…" labelPosition="after" />}>
            <NarrativePanel gateway={gateway} getModel={getModel} />
          </React.Suspense>
        )}
      </div>
    </main>
  );
}

function safeCapabilities(gateway: ExcelGateway): { events: boolean; notes: string[] } {
  try {
    const caps = gateway.capabilities();
    return { events: caps.events, notes: capabilityNotes(caps) };
  } catch {
    return { events: false, notes: capabilityNotes({}) };
  }
}
