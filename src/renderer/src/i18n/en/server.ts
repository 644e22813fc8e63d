import { SERVER_MESSAGES } from '@shared/messages'

/** The server's messages by key (src/shared/messages.ts): the English is the server's own, from one catalogue. */
export const server = {
  server: SERVER_MESSAGES,
  /** A status named in a server message. */
  serverStatus: {
    pending: 'pending',
    uploading: 'uploading',
    running: 'running',
    paused: 'paused',
    completed: 'completed',
    cancelled: 'cancelled',
    failed: 'failed',
    interrupted: 'interrupted',
    lost: 'lost',
    awaiting_vote: 'waiting for a vote',
  },
}
