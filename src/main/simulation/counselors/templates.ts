import type { DefaultTemplate } from '../../prompts/defaultTemplates'
import { CACTUS_TEMPLATES } from './cactus/templates'
import { MAGNET_TEMPLATES } from './magnet/templates'
import { PSYCH8K_TEMPLATES } from './psych8k/templates'

/** The built-in templates of the counselor methods (kind 'method'), one list the defaults spread. */
export const METHOD_TEMPLATES: DefaultTemplate[] = [...MAGNET_TEMPLATES, ...CACTUS_TEMPLATES, ...PSYCH8K_TEMPLATES]
