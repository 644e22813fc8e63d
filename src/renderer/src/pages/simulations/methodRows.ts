import type { TFunction } from 'i18next'
import type { AgentOverride } from '@shared/agentSettings'
import { methodSettings, type CounselorConfig, type MethodSettings } from '@shared/counselors'
import type { SummaryRow } from '../../components/SummaryList'

/**
 * A counselor method as read-only rows (run and arena configuration views): the method, its switches, and each agent
 * set apart from the counselor with what it changes.
 */
export function methodRows(
  config: CounselorConfig | MethodSettings,
  endpointName: (id: string) => string,
  t: TFunction,
): SummaryRow[] {
  const settings = methodSettings(config)
  const onOff = (value: boolean) => t(value ? 'methods.config.on' : 'methods.config.off')
  const rows: SummaryRow[] = [[t('methods.config.method'), t(`methods.kinds.${settings.kind}`)]]
  if (settings.kind === 'magnet') {
    rows.push(
      [t('methods.techniqueAgent'), onOff(settings.techniqueAgent)],
      [t('methods.cbtPlan'), onOff(settings.cbtPlan)],
      [t('methods.cleanDrafts'), onOff(settings.cleanDrafts)],
    )
  }
  if (settings.kind === 'magnet' || settings.kind === 'cactus') {
    const agents = Object.entries(settings.agents as Record<string, AgentOverride>)
    rows.push([
      t('methods.config.overrides'),
      agents.length === 0
        ? t('methods.config.noOverrides')
        : agents
            .map(([agent, o]) =>
              t('methods.config.agentOverride', {
                agent: t(`methods.agents.${agent}`, { defaultValue: agent }),
                settings: overrideText(o, endpointName, t),
              }),
            )
            .join(' · '),
    ])
  }
  return rows
}

function overrideText(o: AgentOverride, endpointName: (id: string) => string, t: TFunction): string {
  const value = (v: number | null) => (v === null ? t('methods.endpointDefault') : String(v))
  return [
    o.endpointId !== undefined ? `${t('runForm.endpoint')} ${endpointName(o.endpointId)}` : null,
    o.temperature !== undefined ? `${t('runForm.temperature')} ${value(o.temperature)}` : null,
    o.topP !== undefined ? `${t('runForm.topP')} ${value(o.topP)}` : null,
    o.maxTokens !== undefined ? `${t('runForm.maxTokens')} ${value(o.maxTokens)}` : null,
  ]
    .filter(Boolean)
    .join(', ')
}
