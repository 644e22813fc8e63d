import type { ApiClient } from '@shared/api'
import type { EvaluationSummary } from '@shared/evaluation'
import type { App, AppOptions } from '../../src/main/app'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { startMockOpenAI, type MockOptions } from './mockOpenAI'
import { client, tempWorkspace } from './workspace'

/**
 * A workspace whose endpoint "judge" is a mock LLM server (4 requests at once, quick gateway retries), with datasets
 * imported from texts in the workbench's JSONL. The caller cleans up `ws` and closes `mock`.
 */
export async function judgedWorkspace(
  judge: MockOptions,
  datasets: { fileName: string; content: string }[],
  options: Partial<AppOptions> = {},
  /** More endpoint settings (prices). */
  endpoint: { priceInput?: number; priceOutput?: number } = {},
) {
  const ws = tempWorkspace({
    gateway: (calls) => createLlmGateway({ calls, retry: { maxRetries: 3, baseDelayMs: 2, maxDelayMs: 10 } }),
    ...options,
  })
  const app = ws.open()
  const api = client(app)
  const mock = await startMockOpenAI(judge)
  const endpointId = (
    await api.saveEndpoint({
      name: 'judge',
      baseURL: mock.baseURL,
      model: 'judge-model',
      maxConcurrency: 4,
      ...endpoint,
    })
  ).id
  const datasetIds: string[] = []
  for (const { fileName, content } of datasets) {
    const { datasetId } = await api.importDataset({
      fileName,
      contentBase64: Buffer.from(content).toString('base64'),
      format: 'jsonl',
    })
    datasetIds.push(datasetId!)
  }
  return { ws, app, api, mock, endpointId, datasetIds }
}

/** An analysis once its job has ended here. */
export async function finished(app: App, api: ApiClient, started: EvaluationSummary) {
  await app.evaluations.waitFor(started.id)
  return api.getEvaluation({ id: started.id })
}
