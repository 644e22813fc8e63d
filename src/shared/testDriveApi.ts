import { z } from 'zod'
import { byId, method } from './apiMethod'
import { COUNSELOR_KINDS, type CounselorKind } from './counselors'
import type { Language } from './roleCard'
import type { Speaker } from './dialogue'
import { CLIENT_KINDS, type ClientKind } from './clients'
import type { ClientStateTrace } from './clients/dynamic'

/**
 * A test drive: a person chats live with a role card's simulated client (the person types the counselor's turns; the
 * client's replies stream in). It lives in the app's memory until saved as a dialogue into a dataset.
 */
export interface TestDriveView {
  id: string
  cardId: string
  endpointId: string
  language: Language
  /** The client's system prompt exactly as the model sees it (its template filled with the card). */
  clientPrompt: string
  /** The client's template and version that made the prompt. */
  template: { id: string; version: number }
  /** The client method: the paper's static client, or the dynamic one (state each turn, withheld facts, resistance). */
  clientKind: ClientKind
  /** Each turn; a dynamic client's replies with the state they were said from. */
  turns: { speaker: Speaker; content: string; clientState?: ClientStateTrace }[]
  /** A client reply is streaming now. */
  replying: boolean
}

export const testDriveApi = {
  /** Opens a test drive of a card with an endpoint for its client (the client's template: the default one). */
  startTestDrive: method(
    z.object({
      cardId: z.string().min(1),
      endpointId: z.string().min(1),
      /** The turn limit the prompt tells the client (as a run would); the drive itself stops when the person does. */
      maxTurns: z.number().int().min(1).max(500).default(20),
      /** The client method (default: the paper's static client). */
      clientMethod: z.enum(CLIENT_KINDS).default('static'),
      /** A dynamic client's state update: a judge call per turn (its endpoint: the client's), or the readable rule. */
      clientState: z.enum(['judge', 'rule']).default('judge'),
    }),
  ).returns<TestDriveView>(),
  getTestDrive: method(byId).returns<TestDriveView>(),
  /**
   * The counselor says `text`; the client's reply streams as 'testDrive.delta' events and is returned whole. A reply
   * that is cancelled is dropped (the counselor's turn stays, and can be answered again with an empty `text`).
   */
  testDriveSay: method(
    z.object({
      id: z.string().min(1),
      /** The counselor's turn; empty: ask the client to answer the last turn again (after a cancelled reply). */
      text: z.string().trim().max(20000),
    }),
  ).returns<{ reply: string | null; cancelled: boolean; view: TestDriveView }>(),
  /**
   * A counselor method writes the counselor's next turn (built as a run builds it: the method's default settings and
   * newest templates, calling `endpointId`); then `testDriveSay` with an empty text lets the client answer. The person
   * can type the next turn instead at any time.
   */
  testDriveCounselor: method(
    z.object({
      id: z.string().min(1),
      kind: z.enum(COUNSELOR_KINDS as [CounselorKind, ...CounselorKind[]]),
      endpointId: z.string().min(1),
    }),
  ).returns<{ view: TestDriveView }>(),
  /**
   * The person plays the client: `text` is the client's turn (empty: none, e.g. to let the method open the session),
   * then the counselor method writes the counselor's next turn.
   */
  testDrivePlayClient: method(
    z.object({
      id: z.string().min(1),
      text: z.string().trim().max(20000),
      kind: z.enum(COUNSELOR_KINDS as [CounselorKind, ...CounselorKind[]]),
      endpointId: z.string().min(1),
    }),
  ).returns<{ view: TestDriveView }>(),
  /** Stops the client's reply now being written. */
  cancelTestDriveReply: method(byId).returns<{ cancelled: boolean }>(),
  /** Saves the chat as a dialogue: into a dataset given by id, or a new one (named, or named after the card). */
  saveTestDrive: method(
    z.object({
      id: z.string().min(1),
      datasetId: z.string().min(1).nullable().default(null),
      name: z.string().trim().max(200).default(''),
    }),
  ).returns<{ datasetId: string; dialogueId: string }>(),
  closeTestDrive: method(byId).returns<{ closed: boolean }>(),
} as const
