import { useCallback, useEffect, useState } from 'react'
import type { SshProfileView } from '@shared/training'
import { api } from '../../../api/client'

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
  const [profiles, setProfiles] = useState<SshProfileView[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const reload = useCallback(async () => {
    try {
      setProfiles(await api.listSshProfiles())
      setError(null)
    } catch (failure) {
      setError(failure)
    }
  }, [])
  useEffect(() => void reload(), [reload])
  const upsert = useCallback((profile: SshProfileView) => {
    setProfiles((current) => {
      const list = current ?? []
      return list.some((p) => p.id === profile.id) ? list.map((p) => (p.id === profile.id ? profile : p)) : [...list, profile]
    })
  }, [])
  const remove = useCallback((id: string) => setProfiles((current) => current?.filter((p) => p.id !== id) ?? current), [])
  return { profiles, error, reload, upsert, remove }
}
