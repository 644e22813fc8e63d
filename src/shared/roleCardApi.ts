import { z } from 'zod'
import type { ExportedFile } from './api'
import { base64Content, byId, method } from './apiMethod'
import {
  EditRoleCardsSchema,
  RoleCardInputSchema,
  RoleCardQuerySchema,
  RoleCardSchema,
  ROLE_CARD_EXPORT_FORMATS,
  ROLE_CARD_FORMATS,
  type EditRoleCardsResult,
  type ImportReport,
  type RoleCard,
  type RoleCardPage,
} from './roleCard'

/** The role-card part of the API contract (spread into `api` in api.ts). */
export const roleCardApi = {
  listRoleCards: method(RoleCardQuerySchema).returns<RoleCardPage>(),
  getRoleCard: method(byId).returns<RoleCard>(),
  createRoleCard: method(RoleCardInputSchema).returns<RoleCard>(),
  /** `expectedUpdatedAt` guards against overwriting a change made elsewhere (another window, the CLI). */
  updateRoleCard: method(
    z.object({ id: z.string().min(1), card: RoleCardInputSchema, expectedUpdatedAt: z.string().optional() }),
  ).returns<RoleCard>(),
  duplicateRoleCard: method(byId).returns<RoleCard>(),
  /** Tags added / removed and the pool set on many cards in one transaction (all or none). */
  editRoleCards: method(EditRoleCardsSchema).returns<EditRoleCardsResult>(),
  /** Returns the deleted cards so the UI can offer undo through restoreRoleCards. */
  deleteRoleCards: method(z.object({ ids: z.array(z.string().min(1)).min(1) })).returns<{ deleted: RoleCard[] }>(),
  restoreRoleCards: method(z.object({ cards: z.array(RoleCardSchema).min(1) })).returns<{ restored: number }>(),
  /** The card as the client agent will read it inside its prompt. */
  renderRoleCard: method(z.object({ card: RoleCardInputSchema })).returns<{ text: string }>(),
  importRoleCards: method(
    z.object({
      fileName: z.string().min(1),
      contentBase64: base64Content,
      format: z.enum([...ROLE_CARD_FORMATS, 'auto']).default('auto'),
      /** What to do when an imported id already exists in the workspace. */
      onConflict: z.enum(['error', 'skip', 'replace']).default('error'),
      /** Applied to every imported card that has none. */
      pool: z.string().max(50).optional(),
      /** Added to every imported card's tags (a tag it already has is kept once). */
      tags: z.array(z.string().min(1).max(50)).optional(),
      dryRun: z.boolean().default(false),
    }),
  ).returns<ImportReport>(),
  exportRoleCards: method(
    z.object({
      format: z.enum(ROLE_CARD_EXPORT_FORMATS),
      /** Omit to export every card matching `query` (or all cards). */
      ids: z.array(z.string()).optional(),
      query: RoleCardQuerySchema.optional(),
    }),
  ).returns<ExportedFile & { count: number }>(),
} as const
