/**
 * The web page: choose or drop workbooks, check them in workers, then one workbook's findings and grid, or for
 * several a summary table whose rows open each workbook. Files are read in the browser and never leave it.
 */
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { FolderOpenRegular, LockClosedRegular } from "@fluentui/react-icons";
import type { CheckPool } from "./pool";
import { workerCount } from "./pool";
import type { CheckedFile, FileOutcome } from "./protocol";
import { WorkbookView } from "./WorkbookView";
import { SummaryTable } from "./SummaryTable";

const useStyles = makeStyles({
  root: {
    boxSizing: "border-box",
    maxWidth: "1600px",
    margin: "0 auto",
    padding: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    overflowWrap: "anywhere",
    "@media (max-width: 600px)": { padding: tokens.spacingHorizontalS },
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase600,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase600,
  },
  privacy: {
    display: "flex",
    alignItems: "flex-start",
    columnGap: tokens.spacingHorizontalS,
    margin: 0,
    color: tokens.colorNeutralForeground2,
  },
  lock: { fontSize: "20px", flexShrink: 0, color: tokens.colorPaletteGreenForeground1 },
  drop: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalM}`,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
    textAlign: "center",
  },
  dropActive: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  input: { position: "absolute", width: "1px", height: "1px", opacity: 0, overflow: "hidden" },
});

interface Entry {
  name: string;
  id?: number;
  outcome?: FileOutcome;
}

export interface WebAppProps {
  /** A new pool per set of files (the previous one, and the files it holds, is dropped). */
  createPool(): CheckPool;
}

export function WebApp({ createPool }: WebAppProps): React.JSX.Element {
  const styles = useStyles();
  const [entries, setEntries] = React.useState<Entry[]>([]);
  const [open, setOpen] = React.useState<number | undefined>();
  const [dragging, setDragging] = React.useState(false);
  const [elapsed, setElapsed] = React.useState<number | undefined>();
  const [failure, setFailure] = React.useState<string | undefined>();
  // The pool in state for rendering; the ref lets a new set of files end the previous pool's workers.
  const [pool, setPool] = React.useState<CheckPool | undefined>();
  const poolRef = React.useRef<CheckPool | undefined>(undefined);
  const input = React.useRef<HTMLInputElement>(null);
  const runRef = React.useRef(0);

  React.useEffect(() => () => poolRef.current?.dispose(), []);

  const checkFiles = React.useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      const run = ++runRef.current;
      poolRef.current?.dispose();
      const pool = createPool();
      poolRef.current = pool;
      setPool(pool);
      setEntries(files.map((f) => ({ name: f.name })));
      setOpen(undefined);
      setElapsed(undefined);
      setFailure(undefined);
      const start = performance.now();
      const workers = workerCount(files.length);
      try {
        await Promise.all(
          files.map(async (file, i) => {
            const { id, outcome } = await pool.check(file, workers);
            if (runRef.current !== run) return;
            setEntries((prev) => prev.map((e, j) => (j === i ? { ...e, id, outcome } : e)));
          }),
        );
        if (runRef.current === run) setElapsed(performance.now() - start);
      } catch (e) {
        if (runRef.current === run) setFailure(e instanceof Error ? e.message : String(e));
      }
    },
    [createPool],
  );

  const done = entries.filter((e) => e.outcome).length;
  const finished = entries.length > 0 && done === entries.length;
  const single = entries.length === 1 ? entries[0] : undefined;
  const opened = open !== undefined ? entries.find((e) => e.id === open) : undefined;

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void checkFiles(Array.from(e.dataTransfer.files));
  };

  return (
    <main className={styles.root}>
      <h1 className={styles.title}>预算公开表校验（网页版）</h1>
      <p className={styles.privacy} data-testid="privacy">
        <LockClosedRegular aria-hidden className={styles.lock} />
        <span>
          文件只在您本机的浏览器中读取和校验，不会上传到任何服务器，也不会保存在浏览器中；关闭或刷新页面后，所有数据即被清除。
          本页面无需联网，也无需安装 Excel，可在 Chrome、Edge、Firefox 及 WPS 内置浏览器中使用。
        </span>
      </p>
      <div
        className={mergeClasses(styles.drop, dragging && styles.dropActive)}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <Text weight="semibold">将一个或多个 .xlsx 工作簿拖放到这里</Text>
        <Text size={200}>一个文件：显示问题清单和标注的表格；多个文件：生成汇总表（适合财政局审核）</Text>
        <Button appearance="primary" icon={<FolderOpenRegular />} onClick={() => input.current?.click()}>
          选择工作簿…
        </Button>
        <input
          ref={input}
          className={styles.input}
          type="file"
          multiple
          accept=".xlsx"
          aria-label="选择要校验的 .xlsx 工作簿（可多选）"
          data-testid="file-input"
          tabIndex={-1}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = ""; // the same files can be chosen again
            void checkFiles(files);
          }}
        />
      </div>

      {entries.length > 0 && !finished && (
        <div aria-live="polite" data-testid="progress">
          <ProgressBar value={entries.length ? done / entries.length : 0} thickness="large" aria-label="校验进度" />
          <Text size={200}>
            正在校验：{done} / {entries.length}
          </Text>
        </div>
      )}
      {failure && (
        <MessageBar intent="error">
          <MessageBarBody>校验失败：{failure}</MessageBarBody>
        </MessageBar>
      )}
      {finished && elapsed !== undefined && (
        <Text size={200} data-testid="elapsed">
          已校验 {entries.length} 个文件，用时 {(elapsed / 1000).toFixed(1)} 秒。
        </Text>
      )}

      {pool &&
        single?.outcome &&
        (single.outcome.ok ? (
          <WorkbookView pool={pool} id={single.id!} checked={single.outcome} />
        ) : (
          <Unreadable file={single.outcome.file} error={single.outcome.error} />
        ))}
      {pool && entries.length > 1 && finished && opened?.outcome?.ok && (
        <WorkbookView pool={pool} id={opened.id!} checked={opened.outcome} onBack={() => setOpen(undefined)} />
      )}
      {entries.length > 1 && finished && !opened && (
        <SummaryTable
          items={entries.map((e) => ({ id: e.id!, outcome: e.outcome! }))}
          onOpen={(id) => {
            setOpen(id);
            window.scrollTo(0, 0);
          }}
        />
      )}
    </main>
  );
}

function Unreadable({ file, error }: { file: string; error: string }): React.JSX.Element {
  return (
    <MessageBar intent="error" data-testid="unreadable">
      <MessageBarBody>
        无法读取“{file}”：{error}
      </MessageBarBody>
    </MessageBar>
  );
}

export type { CheckedFile };
