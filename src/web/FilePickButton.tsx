/** A button that opens a hidden file input (one file); the same file can be chosen again. */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import { DocumentArrowUpRegular } from "@fluentui/react-icons";

export function FilePickButton({
  label,
  inputLabel,
  accept,
  disabled,
  testId,
  className,
  onFile,
}: {
  label: string;
  /** The input's accessible name (tests choose files through it). */
  inputLabel: string;
  accept: string;
  disabled: boolean;
  testId?: string;
  /** Hides the input. */
  className: string;
  onFile(file: File): void;
}): React.JSX.Element {
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <>
      <Button icon={<DocumentArrowUpRegular />} onClick={() => input.current?.click()} disabled={disabled}>
        {label}
      </Button>
      <input
        ref={input}
        className={className}
        type="file"
        accept={accept}
        aria-label={inputLabel}
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) onFile(file);
        }}
      />
    </>
  );
}
