/**
 * Schema version 23: runs next to the GPUs. A remote run is a simulation or an evaluation the workbench's own command
 * line runs detached on an SSH profile's server, in a workspace of its own there; the desktop follows it and pulls the
 * result back. A profile names the command that starts the workbench on its server; a dataset pulled back keeps where
 * it ran (provenance, JSON).
 */
export const remoteRunsMigration = {
  version: 23,
  name: 'remote runs',
  sql: `
    ALTER TABLE ssh_profiles ADD COLUMN workbench_command TEXT NOT NULL DEFAULT 'simpsy';
    ALTER TABLE datasets ADD COLUMN provenance TEXT;
    CREATE TABLE remote_runs (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('simulation', 'evaluation')),
      -- No foreign key: a remote run outlives its profile; profile_name and target keep where it ran.
      profile_id TEXT NOT NULL,
      profile_name TEXT NOT NULL,
      target TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('uploading', 'running', 'completed', 'failed', 'cancelled', 'lost')),
      -- The run's own folder on the server, absolute.
      remote_dir TEXT NOT NULL,
      -- What was asked (the job file without secrets) and the workbench version that runs it there.
      request TEXT NOT NULL,
      remote_version TEXT,
      pgid INTEGER,
      exit_code INTEGER,
      failure_reason TEXT,
      -- The last progress the server reported (JSON), and the tail of its log.
      progress TEXT,
      log_tail TEXT NOT NULL DEFAULT '',
      -- What was pulled back: the run or evaluation id, and when (null until pulled).
      pulled_id TEXT,
      pulled_dataset_id TEXT,
      pulled_at TEXT,
      -- Why the last pull failed (null after a pull that worked).
      pull_error TEXT,
      created_at TEXT NOT NULL,
      started_at TEXT,
      finished_at TEXT,
      checked_at TEXT
    );
    CREATE INDEX remote_runs_status ON remote_runs(status);
  `,
}
