/**
 * Function file of the ribbon (FunctionFile in manifest.xml). The only ribbon button opens the task pane
 * (ShowTaskpane), which needs no code; Office still loads this page, so it must initialise Office.js.
 */
// onReady's promise only resolves (Office never rejects it); nothing to wait for here.
void Office.onReady(() => {
  // Nothing to register: ExecuteFunction commands would be associated here with Office.actions.associate.
});
