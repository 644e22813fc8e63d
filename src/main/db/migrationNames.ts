/**
 * Schema version 8: one name per concept.
 * - A finished dialogue is 'completed', as runs, evaluations, arenas and training jobs are (it was 'complete').
 * - llm_calls.run_id held the id of a run, an evaluation, an arena or an agreement check: it is job_id.
 *   Renaming the column rewrites the indexes on it; they are rebuilt under names that say job as well.
 */
export const namesMigration = {
  version: 8,
  name: 'one name per concept',
  sql: `
    UPDATE dialogues SET status = 'completed' WHERE status = 'complete';

    ALTER TABLE llm_calls RENAME COLUMN run_id TO job_id;
    DROP INDEX llm_calls_run;
    CREATE INDEX llm_calls_job ON llm_calls(job_id, created_at);
    DROP INDEX llm_calls_run_ok;
    CREATE INDEX llm_calls_job_ok ON llm_calls(job_id, created_at) WHERE error_kind IS NULL;
  `,
}
