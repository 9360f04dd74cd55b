/** The findings, grouped by table, with links that select the cells in Excel. */
import * as React from "react";
import { Badge, Link, makeStyles, tokens } from "@fluentui/react-components";
import { LocationRegular, ArrowSwapRegular } from "@fluentui/react-icons";
import { SEVERITY_LABELS, type Finding, type Severity } from "../../core/model/findings";
import type { CellRef } from "../../core/model/workbook";
import { cellLinkLabel, findingKey, formatCellRef, type FindingGroup } from "../logic";

const useStyles = makeStyles({
  group: { marginTop: tokens.spacingVerticalM },
  groupTitle: {
    margin: `0 0 ${tokens.spacingVerticalXS} 0`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
  },
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
    minWidth: 0,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  head: { display: "flex", alignItems: "flex-start", columnGap: tokens.spacingHorizontalS },
  // The badge keeps its width: a squeezed badge would break 错误 into two lines.
  badge: { flexShrink: 0, whiteSpace: "nowrap", marginTop: "2px" },
  message: {
    margin: 0,
    overflowWrap: "anywhere",
    wordBreak: "break-word",
    lineHeight: tokens.lineHeightBase300,
    flexGrow: 1,
    minWidth: 0,
  },
  rule: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  values: {
    margin: `${tokens.spacingVerticalXXS} 0 0 0`,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  links: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    marginTop: tokens.spacingVerticalXS,
  },
  link: { display: "inline-flex", alignItems: "center", columnGap: "2px", overflowWrap: "anywhere", textAlign: "left" },
  count: {
    margin: `${tokens.spacingVerticalS} 0 0 0`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  related: {
    marginTop: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
  relatedList: {
    listStyleType: "none",
    margin: `${tokens.spacingVerticalXXS} 0 0 0`,
    padding: `0 0 0 ${tokens.spacingHorizontalM}`,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
  },
  relatedItem: { overflowWrap: "anywhere", wordBreak: "break-word" },
});

const BADGE_COLOR: Record<Severity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

export interface FindingsListProps {
  groups: FindingGroup[];
  /** `finding` is the one whose link was used (the web page marks all its cells). */
  onSelectCell(ref: CellRef, finding: Finding): void;
}

export function FindingsList({ groups, onSelectCell }: FindingsListProps): React.JSX.Element {
  const styles = useStyles();
  // One card per problem: a diagnosed fault carries the equations it throws off in `related`, folded under it.
  const problems = groups.reduce((n, g) => n + g.findings.length, 0);
  return (
    <div>
      {problems > 0 && (
        <p className={styles.count} data-testid="problem-count">
          问题 {problems} 个
        </p>
      )}
      {groups.map((group) => (
        <section
          key={group.key}
          className={styles.group}
          aria-label={`${group.label}，${group.findings.length} 条`}
          data-testid="finding-group"
        >
          <h3 className={styles.groupTitle}>
            {group.label}（{group.findings.length}）
          </h3>
          <ul className={styles.list}>
            {group.findings.map((f, i) => (
              <FindingItem key={findingKey(f, i)} finding={f} onSelectCell={onSelectCell} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function FindingItem({
  finding,
  onSelectCell,
}: {
  finding: Finding;
  onSelectCell(ref: CellRef, finding: Finding): void;
}): React.JSX.Element {
  const styles = useStyles();
  const first = finding.cells[0];
  const other = finding.cells[1];
  const hasValues = finding.expected !== undefined || finding.actual !== undefined;
  // Enter on the item itself (not on one of its links) selects the first cell.
  const onKeyDown = (e: React.KeyboardEvent<HTMLLIElement>) => {
    if (e.key === "Enter" && e.target === e.currentTarget && first) {
      e.preventDefault();
      onSelectCell(first, finding);
    }
  };
  return (
    <li
      className={styles.item}
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label={`${SEVERITY_LABELS[finding.severity]}：${finding.message.replace(/[。.]$/, "")}${first ? `，按回车定位到 ${formatCellRef(first)}` : ""}`}
      data-testid="finding"
      data-rule={finding.rule}
      data-severity={finding.severity}
      data-cells={finding.cells.map(formatCellRef).join(";")}
    >
      <div className={styles.head}>
        <Badge
          className={styles.badge}
          appearance="tint"
          color={BADGE_COLOR[finding.severity]}
          size="small"
          shape="rounded"
        >
          {SEVERITY_LABELS[finding.severity]}
        </Badge>
        <p className={styles.message} data-part="message">
          {finding.message} <span className={styles.rule}>[{finding.rule}]</span>
        </p>
      </div>
      {hasValues && (
        <p className={styles.values}>
          应为 {finding.expected ?? "—"}，实为 {finding.actual ?? "—"}
        </p>
      )}
      {first && (
        <div className={styles.links}>
          <Link
            as="button"
            className={styles.link}
            onClick={() => onSelectCell(first, finding)}
            aria-label={cellLinkLabel(first)}
            data-part="cell-link"
          >
            <LocationRegular aria-hidden />
            {formatCellRef(first)}
          </Link>
          {other && (
            <Link
              as="button"
              className={styles.link}
              onClick={() => onSelectCell(other, finding)}
              aria-label={cellLinkLabel(other, true)}
              data-part="other-link"
            >
              <ArrowSwapRegular aria-hidden />
              对应：{formatCellRef(other)}
            </Link>
          )}
        </div>
      )}
      {finding.related && finding.related.length > 0 && (
        <details className={styles.related} data-testid="related">
          <summary>由此不成立的校验 {finding.related.length} 处</summary>
          <ul className={styles.relatedList}>
            {finding.related.map((r, i) => (
              <li key={`${r.rule}-${i}`} className={styles.relatedItem} data-rule={r.rule}>
                <span className={styles.rule}>[{r.rule}]</span> {r.message}{" "}
                {r.cells[0] && (
                  <Link
                    as="button"
                    className={styles.link}
                    onClick={() => onSelectCell(r.cells[0], finding)}
                    aria-label={cellLinkLabel(r.cells[0], true)}
                  >
                    {formatCellRef(r.cells[0])}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
