import type { SshProfileView } from '@shared/training'
import { api } from '../../../api/client'
import { useLoaded } from '../../../lib/useLoaded'

export interface SshProfilesState {
  /** Null until loaded. */
  profiles: SshProfileView[] | null
  error: unknown
  reload: () => Promise<void>
  /** Put a profile the server just returned (saved, host key accepted) in place. */
  upsert: (profile: SshProfileView) => void
  remove: (id: string) => void
}

/** The saved SSH servers. */
export function useSshProfiles(): SshProfilesState {
  const { value: profiles, error, reload, set } = useLoaded(() => api.listSshProfiles(), [])
  const upsert = (profile: SshProfileView) =>
    set((current) => {
      const list = current ?? []
      return list.some((p) => p.id === profile.id)
        ? list.map((p) => (p.id === profile.id ? profile : p))
        : [...list, profile]
    })
  const remove = (id: string) => set((current) => current?.filter((p) => p.id !== id) ?? current)
  return { profiles, error, reload, upsert, remove }
}
