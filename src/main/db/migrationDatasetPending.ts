/**
 * Schema version 17: a dataset being imported or deleted off the main thread is written in many short transactions
 * (so the window and the server stay responsive and other writers get their turn). Until the last one, `pending`
 * says which ('importing' or 'deleting') and `pending_owner` which process: such a dataset is hidden from every list
 * and lookup; one whose process died is deleted by the next process that opens the workspace.
 */
export const datasetPendingMigration = {
  version: 17,
  name: 'datasets written in parts',
  sql: `
    ALTER TABLE datasets ADD COLUMN pending TEXT CHECK (pending IN ('importing', 'deleting'));
    ALTER TABLE datasets ADD COLUMN pending_owner TEXT;
  `,
}
