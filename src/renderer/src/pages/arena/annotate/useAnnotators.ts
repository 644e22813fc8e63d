import type { ArenaSummary } from '@shared/arena'
import { api } from '../../../api/client'
import { useLoaded } from '../../../lib/useLoaded'
import { useThrottledRefresh } from '../../../lib/useThrottledRefresh'
import { progressSignal } from '../ArenaList'

/**
 * Who has voted in the arena and how much, asked again (throttled) as the arena moves on; not asked while `wanted` is
 * false.
 */
export function useAnnotators(arena: ArenaSummary, wanted = true) {
  const loaded = useLoaded(
    () => (wanted ? api.listAnnotators({ arenaId: arena.id }) : Promise.resolve([])),
    [arena.id, wanted],
  )
  useThrottledRefresh(progressSignal(arena), () => void (wanted && loaded.reload()))
  return loaded
}
