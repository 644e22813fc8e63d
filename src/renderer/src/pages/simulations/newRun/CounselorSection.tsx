import { useRef } from 'react'
import type { CounselorKind } from '@shared/counselors'
import type { EndpointView } from '@shared/endpoint'
import type { PromptTemplateView } from '@shared/promptApi'
import { AgentSection } from './AgentSection'
import { CallEstimateLine, MethodPicker, MethodSettingsFields } from './MethodFields'
import { callsPerDialogue, switchMethod, type MethodMemory } from './methodForm'
import { testIdFor, type FormBinding } from './runFormState'
import { methodSettings } from '@shared/counselors'

interface CounselorSectionProps {
  bind: FormBinding
  endpoints: EndpointView[]
  templates: PromptTemplateView[]
}

/** The counselor: its method, endpoint and sampling, the method's settings, and what a dialogue costs in calls. */
export function CounselorSection({ bind, endpoints, templates }: CounselorSectionProps) {
  const { config } = bind.state
  const { counselor } = config
  // Switching back to a method brings back the settings it had in this form.
  const memory = useRef<MethodMemory>({})
  const choose = (kind: CounselorKind) => {
    if (kind === counselor.kind) return
    memory.current[counselor.kind] = methodSettings(counselor)
    bind.set('config.counselor', switchMethod(counselor, kind, memory.current))
  }
  return (
    <AgentSection
      bind={bind}
      role="counselor"
      endpoints={endpoints}
      templates={templates}
      lead={
        <div className="method-picker">
          <MethodPicker
            value={counselor.kind}
            onChange={choose}
            error={bind.errors['config.counselor.kind']}
            testId={testIdFor('config.counselor.kind')}
          />
        </div>
      }
    >
      <MethodSettingsFields
        bind={bind}
        path="config.counselor"
        settings={methodSettings(counselor)}
        inherited={counselor}
        endpoints={endpoints}
      />
      <CallEstimateLine estimate={callsPerDialogue(config)} />
    </AgentSection>
  )
}
