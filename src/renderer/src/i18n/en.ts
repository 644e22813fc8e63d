import { shell } from './en/shell'
import { roleCards } from './en/roleCards'
import { simulation } from './en/simulation'
import { transcript } from './en/transcript'
import { prompts } from './en/prompts'
import { datasets } from './en/datasets'
import { evaluation } from './en/evaluation'
import { results } from './en/results'
import { arena } from './en/arena'
import { training } from './en/training'
import { methods } from './en/methods'
import { compare } from './en/compare'
import { server } from './en/server'
import { studies } from './en/studies'
import { rate } from './en/rate'
import { clients } from './en/clients'
import { testDrive } from './en/testDrive'
import { remote } from './en/remote'

/** English UI strings, one file per area under en/. zh.ts must provide the same keys (checked by its type). */
export const en = {
  ...shell,
  ...roleCards,
  ...simulation,
  ...transcript,
  ...prompts,
  ...datasets,
  ...evaluation,
  ...results,
  ...arena,
  ...training,
  ...methods,
  ...compare,
  ...server,
  ...studies,
  ...rate,
  ...clients,
  ...testDrive,
  ...remote,
}

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> }
export type Resources = Strings<typeof en>
