/** Several workbooks: one row per workbook (a 财政局 review), each opening that workbook; the batch downloads. */
import * as React from "react";
import {
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { toBatchReport } from "../core/report/batch";
import { batchItems } from "./batch-items";
import { downloadBytes, MIME } from "../taskpane/download";
import { countBySeverity, recognitionSummary } from "../taskpane/logic";
import type { FileOutcome } from "./protocol";
import { jsonText } from "./files";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  scroll: { overflowX: "auto", minWidth: 0 },
  table: {
    minWidth: "720px",
    // Phone width: each workbook as a block of labelled lines instead of a table wider than the screen.
    "@media (max-width: 640px)": {
      minWidth: 0,
      display: "block",
      "& thead": { display: "none" },
      "& tbody": { display: "block" },
      "& tr": {
        display: "block",
        padding: `${tokens.spacingVerticalS} 0`,
        borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      },
      "& td": {
        display: "flex",
        columnGap: tokens.spacingHorizontalS,
        width: "auto",
        minWidth: 0,
        height: "auto",
        textAlign: "left",
      },
      "& td::before": {
        content: "attr(data-label)",
        flexShrink: 0,
        width: "5em",
        color: tokens.colorNeutralForeground3,
      },
    },
  },
  num: { textAlign: "right", width: "64px" },
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  file: { wordBreak: "break-all" },
  open: { textAlign: "left" },
  status: { minWidth: "220px" },
});

export interface SummaryItem {
  id: number;
  outcome: FileOutcome;
}

export function SummaryTable({ items, onOpen }: { items: SummaryItem[]; onOpen(id: number): void }): React.JSX.Element {
  const styles = useStyles();
  const [notice, setNotice] = React.useState<{ intent: "success" | "error"; text: string } | undefined>();
  const batch = React.useMemo(() => toBatchReport(batchItems(items.map((i) => i.outcome))), [items]);
  const s = batch.summary;

  const downloadJson = () => {
    downloadBytes(new TextEncoder().encode(jsonText(batch)), "校验结果.json", MIME.json);
    setNotice({ intent: "success", text: "已下载 校验结果.json。" });
  };

  return (
    <section className={styles.root} aria-label="校验汇总" data-testid="batch-summary">
      <Text weight="semibold" data-testid="batch-counts">
        共 {s.files} 个文件，无法读取 {s.unreadable} 个；错误 {s.error} 个，警告 {s.warning} 个，提示 {s.info} 个。
      </Text>
      <div className={styles.row}>
        <Button
          appearance="primary"
          icon={<ArrowDownloadRegular />}
          onClick={downloadJson}
          data-testid="download-batch-json"
        >
          下载校验结果（JSON）
        </Button>
      </div>
      {notice && (
        <MessageBar intent={notice.intent} data-testid="notice">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.scroll}>
        <Table className={styles.table} size="small" aria-label="每个工作簿的校验结果">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>文件</TableHeaderCell>
              <TableHeaderCell>部门/单位</TableHeaderCell>
              <TableHeaderCell className={styles.num}>识别表数</TableHeaderCell>
              <TableHeaderCell className={styles.num}>错误</TableHeaderCell>
              <TableHeaderCell className={styles.num}>警告</TableHeaderCell>
              <TableHeaderCell className={styles.num}>提示</TableHeaderCell>
              <TableHeaderCell className={styles.status}>状态</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map(({ id, outcome }) => {
              if (!outcome.ok) {
                return (
                  <TableRow key={id} data-testid="batch-row" data-file={outcome.file} data-status="unreadable">
                    <TableCell data-label="文件" className={styles.file}>
                      {outcome.file}
                    </TableCell>
                    <TableCell data-label="部门/单位">—</TableCell>
                    <TableCell data-label="识别表数" className={styles.num}>
                      —
                    </TableCell>
                    <TableCell data-label="错误" className={styles.num}>
                      —
                    </TableCell>
                    <TableCell data-label="警告" className={styles.num}>
                      —
                    </TableCell>
                    <TableCell data-label="提示" className={styles.num}>
                      —
                    </TableCell>
                    <TableCell
                      data-label="状态"
                      className={mergeClasses(styles.error, styles.status)}
                      data-part="status"
                    >
                      无法读取：{outcome.error}
                    </TableCell>
                  </TableRow>
                );
              }
              const c = countBySeverity(outcome.findings);
              const recognition = recognitionSummary(outcome.tables);
              const status = c.error > 0 ? "有错误" : c.warning > 0 ? "有警告" : "通过";
              return (
                <TableRow key={id} data-testid="batch-row" data-file={outcome.file} data-status={status}>
                  <TableCell data-label="文件" className={styles.file}>
                    <Link
                      as="button"
                      onClick={() => onOpen(id)}
                      aria-label={`打开 ${outcome.file} 的问题清单`}
                      data-part="open"
                      className={styles.open}
                    >
                      {outcome.file}
                    </Link>
                  </TableCell>
                  <TableCell data-label="部门/单位">{outcome.department || "—"}</TableCell>
                  <TableCell data-label="识别表数" className={styles.num}>
                    {recognition.found}/{recognition.total}
                  </TableCell>
                  <TableCell data-label="错误" className={mergeClasses(styles.num, c.error > 0 && styles.error)}>
                    {c.error}
                  </TableCell>
                  <TableCell data-label="警告" className={mergeClasses(styles.num, c.warning > 0 && styles.warning)}>
                    {c.warning}
                  </TableCell>
                  <TableCell data-label="提示" className={styles.num}>
                    {c.info}
                  </TableCell>
                  <TableCell
                    data-label="状态"
                    className={c.error > 0 ? styles.error : c.warning > 0 ? styles.warning : styles.ok}
                    data-part="status"
                  >
                    {status}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
