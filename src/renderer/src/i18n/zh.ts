import type { Resources } from './en'
import { shell } from './zh/shell'
import { roleCards } from './zh/roleCards'
import { simulation } from './zh/simulation'
import { transcript } from './zh/transcript'
import { prompts } from './zh/prompts'
import { datasets } from './zh/datasets'
import { evaluation } from './zh/evaluation'
import { results } from './zh/results'
import { arena } from './zh/arena'
import { training } from './zh/training'
import { methods } from './zh/methods'
import { compare } from './zh/compare'
import { server } from './zh/server'
import { studies } from './zh/studies'
import { rate } from './zh/rate'
import { clients } from './zh/clients'
import { testDrive } from './zh/testDrive'
import { remote } from './zh/remote'

/** 中文界面文案，按区域分在 zh/ 下。Chinese has no plural forms: the _one keys exist only to keep the shape of en.ts. */
export const zh: Resources = {
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
