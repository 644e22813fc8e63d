/** Schema version 5: SSH profiles and remote training jobs. */
export const trainingMigration = {
  version: 5,
  name: 'ssh profiles, training jobs',
  sql: `
    CREATE TABLE ssh_profiles (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL
    );
  `,
}
