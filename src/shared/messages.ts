import { SERVER_MESSAGES_ZH } from './messages.zh'

/**
 * The server's user-facing messages, in English, one template per message: a WorkbenchError thrown with a key
 * (`new WorkbenchError('not_found', { key: 'datasets.notFound', params: { id } })`) gets its English `message` (what
 * the CLI prints and the log keeps) from here, and carries the key and params to the renderer, which words them in
 * the interface language (src/renderer/src/i18n/{en,zh}: `server`, en imports this catalogue as it is).
 *
 * `{{name}}` is a parameter. A message that counts has `_one` and `_other` forms and a numeric `count` parameter
 * (as i18next reads them). Messages about a field start with "field: " in every language, so a form can place them.
 */
export const SERVER_MESSAGES = {
  validation: {
    /** One issue of an input that does not match the API contract (the path is the field, e.g. "config.model"). */
    required: 'is required',
    wrongType: 'must be of type {{expected}}',
    empty: 'must not be empty',
    tooShort_one: 'must be at least {{count}} character long',
    tooShort_other: 'must be at least {{count}} characters long',
    tooLong_one: 'must be at most {{count}} character long',
    tooLong_other: 'must be at most {{count}} characters long',
    tooFew_one: 'must have at least {{count}} item',
    tooFew_other: 'must have at least {{count}} items',
    tooMany_one: 'must have at most {{count}} item',
    tooMany_other: 'must have at most {{count}} items',
    atLeast: 'must be at least {{minimum}}',
    above: 'must be greater than {{minimum}}',
    atMost: 'must be at most {{maximum}}',
    below: 'must be less than {{maximum}}',
    oneOf: 'must be one of {{values}}',
    format: 'must be a valid {{format}}',
    pattern: 'does not have the expected form',
    multipleOf: 'must be a multiple of {{divisor}}',
    unknownKeys: 'has unknown fields: {{keys}}',
    invalid: 'is not valid',
    /** How an issue is shown after its field's path. */
    at: '{{path}}: {{issue}}',
  },
  files: {
    uploadTooLarge:
      'The file is {{size}} MB; the import limit is {{limit}} MB (for the text after unpacking, too). Split the corpus into several files; compressing them with gzip (.gz) makes the upload faster.',
    uploadOrContent: 'give the file as contentBase64 or as an uploadId, not both and not neither',
    outsideAllowed:
      '{{path}} is outside the folders files may be read from in serve mode ({{roots}}). Copy the file into one of them, or start serve with --allow-path <folder>.',
    importProblems_one: '{{file}}: {{count}} problem found; nothing was imported.',
    importProblems_other: '{{file}}: {{count}} problems found; nothing was imported.',
  },
  cards: {
    notFound: 'No role card with id {{id}}.',
    idTaken: 'id: a role card with id {{id}} already exists.',
    changedElsewhere: 'This role card was changed elsewhere since you opened it. Reload it to see the change.',
    restoreIdTaken: 'id: a role card with id {{id}} exists again; nothing was restored.',
    missing: 'cards: no role card with id {{ids}}',
    noneMatch: 'cards: no role card matches the selection.',
    noSeed: 'Role card "{{id}}" has no seed opening lines.',
    noSeedLines:
      '{{missing}} of {{total}} role cards have no seed opening lines ({{ids}}): open with the client greeting, or choose cards imported from CACTUS/MAGneT seed records.',
  },
  runs: {
    notFound: 'No run with id {{id}}.',
    nothingToResume: 'Run "{{name}}" is {{status}}; there is nothing to resume.',
    cancelledNoRetry: 'Run "{{name}}" was cancelled; its dialogues are not run again.',
    noFailed: 'Run "{{name}}" has no failed dialogues to retry.',
    busy: 'Run "{{name}}" is being driven by another workbench process; it will be resumed here if that process stops.',
  },
  datasets: {
    uploadMissing: 'The uploaded file {{id}} is not here (any more); choose the file again.',
    notFound: 'No dataset with id {{id}}.',
    runStillGoing: '"{{name}}" is the output of a run that is still going; pause or cancel the run first.',
    chooseSource: 'query.datasetId: choose the dataset to select from.',
    selectionEmpty: 'query: no dialogue matches this selection; nothing was created.',
    selectionTooLarge: 'query: {{total}} dialogues match; a selection can hold at most {{max}}.',
    dialogueNotFound: 'No dialogue with id {{id}}.',
    callNotFound: 'No logged LLM call with id {{id}}.',
    sortNeedsScore: 'sort: sorting by a score needs score (the analysis and metric).',
    /** Generated: the name and description of a dataset saved from a selection. */
    selectionName: '{{name}} (selection)',
    selectionSource: 'selection of {{name}}',
    selectionDescription_one: '{{selected}} of {{count}} dialogue of "{{name}}" ({{id}}) selected by {{filters}}',
    selectionDescription_other: '{{selected}} of {{count}} dialogues of "{{name}}" ({{id}}) selected by {{filters}}',
  },
  evaluations: {
    notFound: 'No evaluation with id {{id}}.',
    unknownDataset: 'datasetIds: no dataset with id {{id}}',
    notJudged: 'kind: only LLM-judged analyses ({{kinds}}) make model calls to estimate.',
    complete: 'Evaluation "{{name}}" is complete.',
    busy: 'Evaluation "{{name}}" is running in another workbench process.',
    noResult: '"{{name}}" has no result yet ({{status}}).',
    sampleBoth:
      'config.sampleFraction: give a number of dialogues (sampleSize) or a fraction (sampleFraction), not both.',
    unknownMetric: 'metric: this analysis has no per-dialogue "{{metric}}" (it has: {{metrics}}).',
    noDialogueResults:
      '"{{name}}" has no per-dialogue results ({{status}}; analyses finished before per-dialogue results were stored have none: run it again).',
    compareTwice: 'evaluationIds: each analysis may be named only once.',
    compareNotCompleted: '"{{name}}" is {{status}}: only completed analyses can be compared.',
    compareKinds: 'Analyses of one kind only: "{{name}}" is {{kind}}, "{{otherName}}" is {{otherKind}}.',
    compareTooFew: 'A comparison needs at least two datasets: choose analyses that cover two or more between them.',
    compareReference: 'reference: "{{reference}}" is not a dataset of the chosen analyses (they have: {{datasets}}).',
    compareNoScores:
      '"{{name}}" has no per-dialogue scores: it finished before analyses stored them, or its kind stores none. Run it again to compare it.',
    compareNoNumeric: 'The chosen analyses stored no numeric per-dialogue scores to compare.',
    compareMetrics: "metrics: {{metrics}} not among the analyses' metrics ({{available}}).",
    distinctOption: 'Distinct-n option {{where}}: {{issue}}',
    modelId: '"{{model}}" is neither a model hub id (such as BAAI/bge-m3) nor the absolute path of a model folder.',
    modelNotDownloaded:
      '{{model}} has not been downloaded (looked in {{folder}}) and downloads are turned off: allow downloads, or set a local model folder in Settings.',
    modelFolderMissing: 'The embedding model folder {{folder}} does not exist.',
    modelIncomplete: 'The embedding model is incomplete: {{path}} is missing.',
    modelExternalDataMissing:
      'The embedding model is incomplete: its graph keeps its weights in {{path}}, which is missing (models over 2 GB store them beside model.onnx): download that file too.',
    embeddingEndpointMissing:
      'config.endpointId: choose the embeddings endpoint (an OpenAI-compatible /v1/embeddings server, added under Settings → Endpoints).',
    embeddingNoCardIds:
      '"{{name}}": only {{found}} dialogues have a "{{field}}" that is the id of a role card in this workspace (at least 2 are needed). Import the corpus\'s cards as role cards with those ids, or name the field that holds them (cardIdField).',
    overlapNoCards:
      '"{{name}}" has {{cards}} of {{dialogues}} dialogues with a role card; vocabulary overlap compares client turns with their role card (and a random one) and needs at least 2. Import the corpus with its role cards (the workbench JSONL or MAGneT formats carry them), or use the embedding analysis with "Card text source: client\'s first turn" (a proxy card).',
    embeddingNoCards:
      '"{{name}}" has {{cards}} of {{dialogues}} dialogues with a role card; comparing with role cards needs at least 2. Import the corpus with its role cards (the workbench JSONL or MAGneT formats carry them); or import its cards as role cards and attach them by id (cardSource: card-by-id, with cardIdField naming the dialogue field that holds the card id, by default externalId, the corpus\'s own id; CLI --card-id-field externalId); or set "Card text source" to "client\'s first turn" (cardSource: first-client-turn; CLI --first-client-turn), which compares each client\'s first turn with their later turns and is labelled as a proxy.',
    modelIncompleteQuantized:
      'The embedding model is incomplete: {{path}} is missing (the quantized model; turn "quantized" off to use onnx/model.onnx).',
    tokenizerRelative: 'The tokenizer folder must be an absolute path (got "{{folder}}").',
    tokenizerMissing: 'The tokenizer folder {{folder}} does not exist.',
    tokenizerNoJson: 'The tokenizer folder {{folder}} has no tokenizer.json.',
    tokenizerBadJson: '{{path}} is not valid JSON: {{reason}}',
    tokenizerNoModel: '{{path}} is not a Hugging Face tokenizer.json (it has no "model").',
    tokenizerLoad: 'The tokenizer in {{folder}} could not be loaded: {{reason}}',
    tokenizerNoUnknown:
      'The tokenizer in {{folder}} has no id for a token of "{{text}}" and no unknown token to use instead: use a tokenizer whose model (WordPiece, BPE, Unigram) names its unknown token.',
  },
  arena: {
    notFound: 'No arena with id {{id}}.',
    dialogueNotFound: 'No arena dialogue with id {{id}}.',
    nothingToResume: 'Arena "{{name}}" is {{status}}; there is nothing to resume.',
    deleteRunning: 'Cancel or pause the arena before deleting it.',
    busy: 'Arena "{{name}}" is being driven by another workbench process; it will be resumed here if that process stops.',
    llmRefereed: 'Arena "{{name}}" is refereed by an LLM; there is nothing to annotate.',
    noAnnotationPage: 'Arena "{{name}}" is refereed by an LLM; it has no annotation page.',
    noHumanVotes: 'Arena "{{name}}" has no human votes to compare with.',
    noDialogue: 'No dialogue {{id}} in this arena.',
    turnDecided: 'Turn {{turn}} of this dialogue has already been decided (or is not open yet).',
    annotatedBy: 'This dialogue is being annotated by {{annotator}}.',
    openFirst: 'Open the dialogue with nextAnnotation before voting on it.',
    onlyCandidates_one: 'choice: there is only {{count}} candidate.',
    onlyCandidates_other: 'choice: there are only {{count}} candidates.',
    notOffered: 'choice: "{{choice}}" is not offered in this arena.',
    dialogueEnded: 'Dialogue {{position}} has ended; it has no annotator to change.',
    noPairsLlm:
      'No preference pair: the arena has no LLM referee decision that chose one contestant (ties: {{ties}}, both bad: {{bothBad}}).',
    noPairsHuman:
      'No preference pair: the arena has no human vote that chose one contestant (ties: {{ties}}, both bad: {{bothBad}}).',
    noPairsAnnotator:
      'No preference pair: the arena has no human vote that chose one contestant by {{annotator}} (ties: {{ties}}, both bad: {{bothBad}}).',
  },
  studies: {
    notFound: 'No rating study with id {{id}}.',
    datasetNotFound: 'sources: no dataset with id {{id}}.',
    tooFewDialogues_one:
      'sources.{{index}}.sampleSize: dataset "{{name}}" has {{count}} complete dialogue; the sample asks for {{wanted}}. Lower the sample size.',
    tooFewDialogues_other:
      'sources.{{index}}.sampleSize: dataset "{{name}}" has {{count}} complete dialogues; the sample asks for {{wanted}}. Lower the sample size.',
    tooFewPairs_one:
      'sources.{{index}}.sampleSize: "{{a}}" and "{{b}}" share {{count}} role card (or seed record) with complete dialogues on both sides; the study asks for {{wanted}} pairs. Lower the sample size, or pair by source record.',
    tooFewPairs_other:
      'sources.{{index}}.sampleSize: "{{a}}" and "{{b}}" share {{count}} role cards (or seed records) with complete dialogues on both sides; the study asks for {{wanted}} pairs. Lower the sample size, or pair by source record.',
    notRater: 'rater: "{{rater}}" is not a rater of study "{{name}}".',
    raterExists: 'rater: "{{rater}}" already rates in study "{{name}}".',
    notAssigned: 'Dialogue {{code}} is not one of your dialogues in this study.',
    unitNotFound: 'No dialogue {{unit}} in this study.',
    unknownItem: 'key: "{{key}}" is not an item of this study.',
    outOfScale: 'value: {{value}} is outside the scale {{min}}–{{max}} of "{{key}}".',
    notChoice: 'value: a pairwise answer is A, B or tie (got {{value}}).',
    notPoint: 'value: a rubric answer is a scale point (got {{value}}).',
    noComments: 'This study does not take comments.',
    judgeNotFound: 'No LLM judge run with id {{id}}.',
    judgeRunning: 'An LLM judge is already running on this study; cancel it first.',
    deleteJudging: 'Cancel the LLM judge before deleting the study.',
  },
  endpoints: {
    notFound: 'No model endpoint with id {{id}}.',
    nameTaken: 'name: another endpoint is already called "{{name}}".',
    giveTarget: 'Give the id of a saved endpoint or a draft to test.',
    replicaIsOwn: "replicas: the endpoint's own base URL is already its first replica.",
    localNeedsModel: 'local: a local endpoint needs a model file (a .gguf path on this machine).',
  },
  testDrive: {
    notFound: 'No test drive {{id}} (it ends when the app closes).',
    busy: 'The client is still replying: wait, or stop the reply first.',
    noTurn: "There is no counselor turn to answer: type the counselor's turn first.",
    empty: 'Nothing to save yet: the chat has no turns.',
  },
  prompts: {
    notFound: 'No prompt template "{{id}}" in {{language}}.',
    versionNotFound: 'No version {{version}} of prompt template "{{id}}" ({{language}}).',
  },
  training: {
    jobNotFound: 'No training job with id {{id}}.',
    profileNotFound: 'No SSH profile with id {{id}}.',
    profileNameTaken: 'name: another SSH profile is already called "{{name}}".',
    profileInUse: 'The SSH profile is in use by the running job "{{name}}" ({{id}}): cancel it first.',
    stillUploading: 'Job "{{name}}" is still uploading; cancel it once it runs.',
    notRunning: 'Job "{{name}}" is {{status}}; only a running job can be cancelled.',
    cancelFirst: 'Job "{{name}}" is {{status}}: cancel it first. (Its files on the server are kept either way.)',
    notCompleted: 'Job "{{name}}" is {{status}}; only a completed job has a model to serve.',
    noSampleLeft: 'No training sample is left: {{reasons}}.',
  },
  remoteRuns: {
    notFound: 'No remote run with id {{id}}.',
    stillRunning: 'Remote run "{{name}}" is still running on its server: wait for it to end, or cancel it.',
    notRunning: 'Remote run "{{name}}" is {{status}}; only a running one can be cancelled.',
    cancelFirst: 'Remote run "{{name}}" is still running: cancel it first.',
  },
} as const

type Catalogue = typeof SERVER_MESSAGES
type Wordings<T> = { [K in keyof T]: T[K] extends string ? string : Wordings<T[K]> }
/** The shape every language's wording of the server messages has (messages.zh.ts). */
export type ServerMessages = Wordings<Catalogue>
type Base<K extends string> = K extends `${infer B}_one` ? B : K extends `${infer B}_other` ? B : K
type Keys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Base<K>}` : Keys<T[K], `${P}${K}.`>
}[keyof T & string]

/** A message's stable key, "area.name" (e.g. 'cards.noneMatch'). */
export type MessageKey = Keys<Catalogue>
export type MessageParams = Record<string, string | number>

/**
 * The template of a key in a catalogue (its `_one` / `_other` form by `params.count` and the language's plural
 * rules), or undefined for an unknown key.
 */
export function messageTemplate(
  key: string,
  params: MessageParams = {},
  catalogue: ServerMessages = SERVER_MESSAGES,
  language = 'en',
): string | undefined {
  const parts = key.split('.')
  const leaf = parts.pop()!
  let node: unknown = catalogue
  for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part]
  const group = node as Record<string, string> | undefined
  if (!group) return undefined
  if (typeof params.count === 'number') {
    const form = group[`${leaf}_${new Intl.PluralRules(language).select(params.count)}`] ?? group[`${leaf}_other`]
    if (form) return form
  }
  return typeof group[leaf] === 'string' ? group[leaf] : undefined
}

/** Fills `{{name}}` placeholders; one with no value stays as written, so a missing parameter shows. */
export function fillTemplate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  )
}

/** The English message of a key with its parameters. */
export function formatMessage(key: MessageKey, params: MessageParams = {}): string {
  const template = messageTemplate(key, params)
  if (template === undefined) throw new Error(`No server message "${key}".`)
  return fillTemplate(template, params)
}

/**
 * Text the server generates for the user to read later (a dataset's name, source and description), in the language
 * of the request that made it; `zh` uses messages.zh.ts.
 */
export function wordMessage(language: 'en' | 'zh', key: MessageKey, params: MessageParams = {}): string {
  if (language === 'en') return formatMessage(key, params)
  const template = messageTemplate(key, params, SERVER_MESSAGES_ZH, language) ?? messageTemplate(key, params)
  if (template === undefined) throw new Error(`No server message "${key}".`)
  return fillTemplate(template, params)
}
