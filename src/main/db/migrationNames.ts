/**
 * Schema version 8: one name per concept. A finished dialogue is 'completed', as runs, evaluations,
 * arenas and training jobs are (it was 'complete').
 */
export const namesMigration = {
  version: 8,
  name: 'one name per concept',
  sql: `
    UPDATE dialogues SET status = 'completed' WHERE status = 'complete';
  `,
}
