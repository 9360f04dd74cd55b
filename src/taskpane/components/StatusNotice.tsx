/** The busy spinner and the one message bar under the buttons: the pane and the web page show status the same way. */
import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";

export interface Notice {
  intent: "success" | "error" | "warning" | "info";
  text: string;
}

export function StatusNotice({ busy, notice }: { busy?: string; notice?: Notice }): React.JSX.Element {
  return (
    <div aria-live="polite">
      {busy && <Spinner size="tiny" label={busy} labelPosition="after" />}
      {notice && (
        <MessageBar intent={notice.intent} data-testid="notice">
          <MessageBarBody>
            {notice.intent === "error" && <MessageBarTitle>出错了</MessageBarTitle>}
            {notice.text}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
