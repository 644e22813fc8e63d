/** Schema version 5: SSH profiles and remote training jobs. */
export const trainingMigration = {
  version: 5,
  name: 'ssh profiles, training jobs and their trainer-log points',
  sql: `
    CREATE TABLE ssh_profiles (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      host TEXT NOT NULL,
      port INTEGER NOT NULL,
      username TEXT NOT NULL,
      auth TEXT NOT NULL CHECK (auth IN ('key', 'agent')),
      private_key_path TEXT NOT NULL DEFAULT '',
      -- Sealed by the SecretBox like API keys; never sent to a UI.
      passphrase_sealed TEXT,
      remote_dir TEXT NOT NULL,
      setup_command TEXT NOT NULL DEFAULT '',
      gpus INTEGER NOT NULL DEFAULT 1,
      -- The host key the user accepted (SHA256 fingerprint as OpenSSH prints it), null before first contact.
      host_key_type TEXT,
      host_key_fingerprint TEXT,
      host_key_accepted_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE training_jobs (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      -- No foreign key: a job outlives its profile; profile_name keeps what it ran on.
      profile_id TEXT NOT NULL,
      profile_name TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('uploading', 'running', 'completed', 'failed', 'cancelled', 'lost')),
      -- The job's own folder on the server, absolute.
      remote_dir TEXT NOT NULL,
      output_dir TEXT NOT NULL,
      pid INTEGER,
      -- The process group of the detached training (setsid: equal to pid).
      pgid INTEGER,
      exit_code INTEGER,
      failure_reason TEXT,
      config TEXT NOT NULL,
      export_summary TEXT NOT NULL,
      log_tail TEXT NOT NULL DEFAULT '',
      -- Bytes of <output_dir>/trainer_log.jsonl already read into training_job_points.
      log_offset INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      started_at TEXT,
      finished_at TEXT,
      checked_at TEXT,
      served_endpoint_id TEXT REFERENCES endpoints(id) ON DELETE SET NULL,
      serve_pgid INTEGER
    );
    CREATE INDEX training_jobs_status ON training_jobs(status);
    CREATE TABLE training_job_points (
      job_id TEXT NOT NULL REFERENCES training_jobs(id) ON DELETE CASCADE,
      step INTEGER NOT NULL,
      total_steps INTEGER,
      epoch REAL,
      loss REAL,
      eval_loss REAL,
      learning_rate REAL,
      elapsed_seconds REAL,
      remaining_seconds REAL,
      PRIMARY KEY (job_id, step)
    ) WITHOUT ROWID;
  `,
}
