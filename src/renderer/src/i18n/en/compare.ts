/** English UI strings: comparing datasets across analyses (Evaluation → Compare). */
export const compare = {
  compare: {
    open: 'Compare',
    openHint: 'Compare datasets across completed analyses of one kind, with paired or unpaired tests',
    title: 'Compare datasets',
    intro:
      'Datasets of completed analyses side by side, on each dialogue’s scores: mean ± SD per metric, each dataset tested against a reference. Paired tests match dialogues by role card or seed record.',
    close: 'Close',
    emptyTitle: 'Nothing to compare yet',
    emptyBody:
      'A comparison reads the per-dialogue scores of completed analyses. Run an analysis (for example vocabulary overlap or WAI) on two or more datasets made from the same role cards or seed records — say MAGneT and CACTUS sessions on the same seeds — then compare them here.',
    emptyAction: 'New analysis',
    kind: 'Kind of analysis',
    kindHint: 'Only analyses of one kind can share a table.',
    analyses: 'Analyses',
    analysesHint:
      'Their datasets become the table’s columns; a dataset in several analyses takes the first one’s values.',
    analysisMeta: '{{datasets}} · finished {{when}}',
    reference: 'Reference dataset',
    referenceHint: 'Every other dataset is tested against it.',
    test: 'Test',
    tests: {
      'paired-t': 'Paired t-test',
      wilcoxon: 'Wilcoxon signed-rank (paired)',
      welch: 'Welch’s t-test (unpaired)',
      student: 'Student’s t-test (unpaired)',
    },
    testHint: {
      'paired-t':
        'Pairs dialogues on the same role card or seed record; effect size Cohen’s d_z. Datasets without cards in common get Welch’s t-test.',
      wilcoxon:
        'Rank-based paired test (as SciPy: zero differences dropped, exact p for small samples); effect sizes rank-biserial r and d_z. Datasets without cards in common get Welch’s t-test.',
      welch: 'All dialogues as independent samples, unequal variances; effect size Cohen’s d.',
      student: 'All dialogues as independent samples, pooled variance; effect size Cohen’s d.',
    },
    correction: 'Multiple comparisons',
    corrections: { holm: 'Holm correction', none: 'No correction' },
    correctionHint: 'Holm adjusts the p values of all tests in the table together (every metric and dataset).',
    run: 'Compare',
    running: 'Comparing…',
    needAnalysis: 'Choose at least one analysis.',
    needTwoDatasets: 'The chosen analyses must cover at least two datasets.',
    failed: 'Could not compare: {{message}}',
    tableTitle: '{{kind}}: {{count}} datasets against {{reference}}',
    metric: 'Metric',
    referenceColumn: '{{name}} (reference)',
    cell: '{{mean}} ± {{sd}} (n = {{n}})',
    notTested: 'not tested: {{reason}}',
    pAdjusted: 'p (Holm) = {{p}}',
    pRaw: 'p = {{p}}',
    testDetails:
      '{{test}}: {{statistic}}, {{p}}; n = {{n}}; difference (dataset − reference) = {{difference}}; {{effect}}',
    marks: 'Marks against {{reference}}: * p < .05, ** p < .01, *** p < .001 ({{how}}).',
    marksHolm_one: 'Holm-corrected over the {{count}} test in this table',
    marksHolm_other: 'Holm-corrected over the {{count}} tests in this table',
    marksNone_one: 'uncorrected, {{count}} test in this table',
    marksNone_other: 'uncorrected, {{count}} tests in this table',
    pairingTitle: 'Pairing by role card',
    pairing:
      '{{name}}: {{pairs}} cards in common ({{byCard}} by card id, {{bySeed}} by seed record); without a partner: {{unpairedReference}} dialogues of {{reference}}, {{unpairedDataset}} of {{name}}.',
    pairingSamples: 'Several dialogues per card (up to {{count}}): paired tests use each card’s mean.',
    noPairs: '{{name}}: no role cards in common with {{reference}}.',
    warnings: 'Before reading the table',
    exportNote: 'The exports carry the same table with the exact test variants, the correction and the provenance.',
  },
}
