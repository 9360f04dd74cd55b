/**
 * A read-only view of one sheet: only the rows in view are drawn (sheets of 100 units have 30,000 rows), faulty
 * cells filled with the annotated copy's colours, the cells of the selected finding outlined and scrolled to.
 */
import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Severity } from "../core/model/findings";
import { columnLetters, type SheetData } from "../core/model/workbook";
import { HIGHLIGHT_COLORS } from "../hosts/xlsx/colors";
import {
  MAX_COLUMNS,
  ROW_HEADER_WIDTH,
  ROW_HEIGHT,
  cellKey,
  columnOffsets,
  columnWidths,
  displayText,
  indexMerges,
  sheetExtent,
  visibleRows,
  type MergeIndex,
} from "./grid";

const useStyles = makeStyles({
  scroller: {
    position: "relative",
    overflow: "auto",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    fontSize: "12px",
    lineHeight: `${ROW_HEIGHT - 1}px`,
  },
  header: { position: "sticky", top: 0, zIndex: 3, height: `${ROW_HEIGHT}px` },
  body: { position: "relative" },
  cell: {
    position: "absolute",
    boxSizing: "border-box",
    overflow: "hidden",
    whiteSpace: "nowrap",
    textOverflow: "ellipsis",
    padding: "0 4px",
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    color: tokens.colorNeutralForeground1,
  },
  number: { textAlign: "right" },
  merged: { backgroundColor: tokens.colorNeutralBackground1, zIndex: 1, whiteSpace: "normal" },
  head: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    textAlign: "center",
    fontWeight: tokens.fontWeightSemibold,
  },
  rowHead: { zIndex: 2 },
  focused: { outline: `3px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-3px", zIndex: 2 },
});

export interface GridTarget {
  row: number;
  col: number;
  /** Changes on every click, so that clicking the same finding again scrolls back to it. */
  nonce: number;
}

export interface SheetGridProps {
  sheet: SheetData;
  /** Worst severity per cell key (grid.ts sheetMarks). */
  marks: ReadonlyMap<string, Severity>;
  /** Cell keys of the selected finding on this sheet. */
  focus: ReadonlySet<string>;
  target?: GridTarget;
  height: number;
  label: string;
  testId?: string;
}

export function SheetGrid({ sheet, marks, focus, target, height, label, testId }: SheetGridProps): React.JSX.Element {
  const styles = useStyles();
  const scroller = React.useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = React.useState({ top: 0, left: 0 });
  const scrollTop = scroll.top;
  const extent = React.useMemo(() => sheetExtent(sheet), [sheet]);
  const widths = React.useMemo(() => columnWidths(sheet, extent.cols), [sheet, extent.cols]);
  const offsets = React.useMemo(() => columnOffsets(widths), [widths]);
  const merges: MergeIndex = React.useMemo(() => indexMerges(sheet.merges, extent.cols), [sheet, extent.cols]);

  React.useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !target) return;
    const top = Math.max(0, target.row * ROW_HEIGHT - el.clientHeight / 3);
    const col = Math.min(target.col, extent.cols - 1);
    const left = col >= 0 ? Math.max(0, offsets.left[col] - ROW_HEADER_WIDTH - el.clientWidth / 3) : 0;
    el.scrollTo({ top, left });
    setScroll({ top: el.scrollTop, left: el.scrollLeft });
  }, [target, offsets, extent.cols]);

  const { first, last } = visibleRows(Math.max(0, scrollTop - ROW_HEIGHT), height, extent.rows);
  const cells: React.ReactNode[] = [];
  const drawn = new Set<string>();
  const drawCell = (r: number, c: number) => {
    const key = cellKey(r, c);
    if (drawn.has(key)) return;
    drawn.add(key);
    const range = merges.masters.get(key);
    const width = range
      ? offsets.left[Math.min(range.right, extent.cols - 1)] +
        widths[Math.min(range.right, extent.cols - 1)] -
        offsets.left[c]
      : widths[c];
    const h = range ? (range.bottom - range.top + 1) * ROW_HEIGHT : ROW_HEIGHT;
    const value = sheet.rows[r]?.[c];
    const text = displayText(value);
    const severity = marks.get(key);
    const isFocus = focus.has(key);
    cells.push(
      <div
        key={key}
        className={mergeClasses(
          styles.cell,
          typeof value === "number" && styles.number,
          range && styles.merged,
          isFocus && styles.focused,
        )}
        style={{
          left: offsets.left[c],
          top: r * ROW_HEIGHT,
          width,
          height: h,
          backgroundColor: severity ? HIGHLIGHT_COLORS[severity] : undefined,
        }}
        title={text.length > 8 ? text : undefined}
        data-cell={`${columnLetters(c)}${r + 1}`}
        data-severity={severity}
        data-focused={isFocus ? "true" : undefined}
      >
        {text}
      </div>,
    );
  };
  for (let r = first; r <= last; r++) {
    cells.push(
      <div
        key={`h${r}`}
        className={mergeClasses(styles.cell, styles.head, styles.rowHead)}
        style={{ left: scroll.left, top: r * ROW_HEIGHT, width: ROW_HEADER_WIDTH, height: ROW_HEIGHT }}
      >
        {r + 1}
      </div>,
    );
    for (let c = 0; c < extent.cols; c++) {
      const key = cellKey(r, c);
      const master = merges.covered.get(key);
      if (master) {
        // A merged range that starts above the drawn rows is drawn from its master.
        const [mr, mc] = master.split(",").map(Number);
        drawCell(mr, mc);
        continue;
      }
      drawCell(r, c);
    }
  }

  return (
    <div
      ref={scroller}
      className={styles.scroller}
      style={{ height }}
      onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
      role="region"
      aria-label={label}
      tabIndex={0}
      data-testid={testId}
      data-sheet={sheet.name}
    >
      <div className={styles.header} style={{ width: offsets.total }}>
        <div
          className={mergeClasses(styles.cell, styles.head, styles.rowHead)}
          style={{ left: scroll.left, width: ROW_HEADER_WIDTH, height: ROW_HEIGHT, top: 0 }}
        />
        {widths.map((w, c) => (
          <div
            key={c}
            className={mergeClasses(styles.cell, styles.head)}
            style={{ left: offsets.left[c], top: 0, width: w, height: ROW_HEIGHT }}
          >
            {columnLetters(c)}
          </div>
        ))}
      </div>
      <div className={styles.body} style={{ height: extent.rows * ROW_HEIGHT, width: offsets.total }}>
        {cells}
      </div>
      {extent.allCols > MAX_COLUMNS && (
        <div role="note">
          仅显示前 {MAX_COLUMNS} 列（共 {extent.allCols} 列）。
        </div>
      )}
    </div>
  );
}
