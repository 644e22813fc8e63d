import type { CounselorKind, MethodSettings } from '@shared/counselors'
import type { Agent } from '../agents'
import type { CounselorEngine, CounselorEnv } from './engine'
import { sessionGateway } from '../sessions/followUp'
import { cactusEngine } from './cactus'
import { completionsEngine } from './completions'
import { magnetEngine } from './magnet'
import { psych8kEngine } from './psych8k'
import { threeStageEngine } from './threeStage'
import { transcriptEngine } from './transcript/index'

export type { CounselorEnv, SessionState } from './engine'

/** The engines of the counselor methods in src/shared/counselors (the compiler asks for one per method). */
const ENGINES: { [K in CounselorKind]: CounselorEngine<Extract<MethodSettings, { kind: K }>> } = {
  'three-stage': threeStageEngine,
  magnet: magnetEngine,
  cactus: cactusEngine,
  psych8k: psych8kEngine,
  transcript: transcriptEngine,
  completions: completionsEngine,
}

/** The one factory both simulation runs and arena contestants build their counselors with. */
export function createCounselor(env: CounselorEnv): Agent {
  // A multi-agent counselor calls its endpoints several times a turn: each is resolved (read, key opened) once a
  // session.
  const resolved = new Map<string, ReturnType<CounselorEnv['resolve']>>()
  const resolve = (id: string) => resolved.get(id) ?? resolved.set(id, env.resolve(id)).get(id)!
  const gateway = env.session ? sessionGateway(env.gateway, env.session.counselor) : env.gateway
  return (ENGINES[env.settings.kind] as CounselorEngine)({ ...env, gateway, resolve })
}
