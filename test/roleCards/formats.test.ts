import { RoleCardInputSchema, type RoleCardInput } from '@shared/roleCard'
import { describe, expect, it } from 'vitest'
import { firstSentence, parseIntakeForm } from '../../src/main/roleCards/formats/cactus'
import { splitPost } from '../../src/main/roleCards/formats/posts'
import { detectLanguage } from '../../src/main/roleCards/language'
import { detectRoleCardFormat } from '../../src/main/roleCards/parse'
import { parseFixture, parseText, readFixture } from './helpers'

const card = (input: RoleCardInput) => RoleCardInputSchema.parse(input)

describe('posts', () => {
  it('reads each post into a card with title, body, language and provenance', () => {
    const result = parseFixture('posts.json')
    expect(result.errors).toEqual([])
    expect(result.format).toBe('posts')
    expect(result.rows).toBe(3)
    expect(result.cards.map((c) => c.row)).toEqual([1, 2, 3])
    expect(result.cards[0].card).toEqual(
      card({
        language: 'zh',
        complaint: {
          title: '考研失败后不想见任何人，怎么办？',
          body: '今年是我第二次考研，昨天查到成绩又差了十几分。我把自己关在房间里两天没出门，爸妈敲门我也不想理。朋友发消息问我考得怎么样，我一条都没回。',
        },
        source: 'posts',
        provenance: 'posts.json #1',
      }),
    )
    // The second post separates title and body with an ideographic space (U+3000).
    expect(result.cards[1].card.complaint.title).toBe('室友总在深夜打游戏')
    expect(result.cards[1].card.complaint.body.startsWith('我跟他提过两次')).toBe(true)
    expect(result.cards[2].card.language).toBe('en')
    expect(result.cards[2].card.complaint.title).toBe('How')
  })

  it('keeps the whole text as the body when there is no usable title', () => {
    expect(splitPost('没有空格的帖子内容')).toEqual({ title: '', body: '没有空格的帖子内容' })
    expect(splitPost('只有标题 ')).toEqual({ title: '', body: '只有标题' })
    const long = `${'长'.repeat(150)} 正文`
    expect(splitPost(long)).toEqual({ title: '', body: long })
  })
})

describe('language detection', () => {
  it('calls mostly-Chinese text zh and English with a Chinese name en', () => {
    expect(detectLanguage('我最近用Python写代码时总是很焦虑')).toBe('zh')
    expect(detectLanguage('My grandmother 王秀英 raised me and I miss her every day.')).toBe('en')
    expect(detectLanguage('12345 !!!')).toBe('en')
  })
})

describe('cactus', () => {
  it('maps intake forms, attitudes and techniques onto cards', () => {
    const result = parseFixture('cactus.json')
    expect(result.errors).toEqual([])
    expect(result.format).toBe('cactus')
    expect(result.cards).toHaveLength(3)
    const [nora, tom, edith] = result.cards.map((c) => c.card)
    // Only the Chinese opening lines are given (as dialogue_history_init): they become the seed, and the card is zh.
    expect(nora).toEqual(
      card({
        language: 'zh',
        name: 'Nora Fielding',
        gender: 'female',
        age: 38,
        occupation: 'Pharmacist',
        education: 'Doctor of Pharmacy',
        maritalStatus: 'Married',
        family: 'Husband and one daughter',
        resistance: { level: 'low', description: 'Cooperative and eager to try homework.' },
        complaint: {
          title: 'I am convinced that I will make a fatal dispensing error.',
          body: [
            'I am convinced that I will make a fatal dispensing error. I check each prescription many times.\nThe worry started after a colleague was disciplined last spring.',
            'My double-checking now makes me stay two hours late every day.',
            'Past history:\nI have not had similar problems before.\nI have no significant physical illnesses.',
            'Functioning:\nMy speed at work has dropped noticeably.\nInterpersonal relationships: My husband says I am distracted.\nDaily life: I sleep poorly before shifts.',
            'Social support:\nMy sister listens, but I have not told her how bad it is.',
          ].join('\n\n'),
        },
        attitude: { label: 'positive', instruction: 'Cooperative and eager to try homework.' },
        seed: {
          clientInformation: '',
          reasonForCounseling: '',
          counselorOpening: '你好，Nora。',
          clientOpening: '你好，我最近总担心配错药。',
        },
        tags: ['attitude:positive'],
        source: 'cactus',
        provenance: 'cactus.json #1 (idx 7)',
        notes:
          'Ground-truth CBT techniques: Decatastrophizing; Evidence-Based Questioning\n\n' +
          'Chinese opening dialogue (AI_counselor.CBT.dialogue_history_init):\n咨询师: 你好，Nora。\n来访者: 你好，我最近总担心配错药。',
      }),
    )
    // Empty "Occupation:" line, family value on the next line, unnumbered "Social Support System:".
    expect(tom).toMatchObject({
      name: 'Tom Reyes',
      age: 24,
      gender: 'male',
      occupation: 'Not specified',
      family: 'Lives with two roommates',
    })
    expect(tom.resistance.level).toBe('medium')
    expect(tom.tags).toEqual(['attitude:neutral'])
    expect(tom.notes).toBe('')
    expect(tom.complaint.title).toBe('I think everyone at the gym is judging my body!')
    expect(tom.complaint.body).toContain('Functioning:\nN/A\n\nSocial support:\nMy roommates are friendly')
    expect(tom.provenance).toBe('cactus.json #2')
    expect(tom.language).toBe('en')
    expect(tom.seed).toEqual({
      clientInformation: '',
      reasonForCounseling: '',
      counselorOpening: 'Hi Tom.',
      clientOpening: 'Hey.',
    })
    expect(edith).toMatchObject({
      age: 67,
      maritalStatus: 'Widowed',
      resistance: { level: 'high', description: 'Dismissive and doubts that counseling can help.' },
      attitude: { label: 'negative', instruction: 'Dismissive and doubts that counseling can help.' },
      seed: null,
    })
  })

  it('fills attitude and seed from English seed records and the Chinese release', () => {
    const result = parseFixture('cactus-seeds.json')
    expect(result.errors).toEqual([])
    const [english, chinese] = result.cards.map((c) => c.card)
    const clientInformation =
      'Name:\nIvo Brandt\nAge:\n41\nGender:\nmale\nOccupation: Baker\nEducation: Vocational school\n' +
      'Marital Status: Married\nFamily Details: Wife and twin boys'
    const reasonForCounseling = 'I decided to seek counseling because I snap at my family after work.'
    expect(english).toMatchObject({
      language: 'en',
      name: 'Ivo Brandt',
      resistance: { level: 'low' },
      attitude: {
        label: 'positive',
        instruction: "Engaged and cooperative; asks questions and builds on the counselor's ideas.",
      },
      seed: {
        clientInformation,
        reasonForCounseling,
        counselorOpening: 'Hello Ivo, welcome. What brings you here today?',
        clientOpening: 'Mostly the bakery. I keep thinking I have failed.',
      },
      tags: ['attitude:positive'],
      notes: 'Ground-truth CBT techniques: Alternative Perspective',
    })
    // The Chinese release: English intake form and client information, Chinese opening lines. The session opens in
    // Chinese, so the card is zh; the intake form still gives the profile and complaint.
    expect(chinese).toMatchObject({
      language: 'zh',
      name: 'Ivo Brandt',
      resistance: { level: 'high' },
      attitude: {
        label: 'negative',
        instruction: 'Guarded; doubts that talking will change anything and sometimes changes the subject.',
      },
      seed: {
        clientInformation,
        reasonForCounseling,
        counselorOpening: '你好，Ivo，欢迎你。今天是什么让你来这里？',
        clientOpening: '主要是面包店的事。我总觉得自己失败了。',
      },
      tags: ['attitude:negative'],
      provenance: 'cactus-seeds.json #2 (idx 3)',
    })
    expect(chinese.complaint.title).toBe(english.complaint.title)
  })

  it('shortens a long first sentence to a title of at most 120 characters', () => {
    const long = `I ${'really '.repeat(30)}worry about everything. Second sentence.`
    const title = firstSentence(long)
    expect(title.length).toBeLessThanOrEqual(120)
    expect(title.endsWith('…')).toBe(true)
    expect(firstSentence('Short one. Another.')).toBe('Short one.')
  })

  it('reads profile values on the same line or the next one', () => {
    const form = parseIntakeForm(
      'Name: Ada\nAge:\n\n51\nGender:\nfemale\nOccupation:\nEducation: PhD\n\n2. Presenting Problem\nText.',
    )
    expect(form.profile).toEqual({ name: 'Ada', age: '51', gender: 'female', occupation: '', education: 'PhD' })
    expect(form.sections).toEqual({ presenting: 'Text.' })
  })
})

describe('native JSON and JSONL', () => {
  it('reads the wrapped JSON format with timestamps and defaults', () => {
    const result = parseFixture('native.json')
    expect(result.errors).toEqual([])
    expect(result.format).toBe('json')
    expect(result.cards).toHaveLength(2)
    expect(result.cards[0]).toEqual({
      row: 1,
      card: card({
        id: 'fx-zh-1',
        language: 'zh',
        name: '何静',
        gender: '女',
        age: 27,
        occupation: '会计',
        bigFive: { neuroticism: { level: 'high', description: '容易担心' } },
        resistance: { level: 'somewhat_low', description: '' },
        complaint: {
          title: '总觉得同事在背后议论我',
          body: '最近我总觉得同事在背后议论我。\n午饭时看到她们聊天我就心慌。',
        },
        tags: ['示例', '职场'],
        pool: 'train',
      }),
      createdAt: '2024-03-01T08:00:00.000Z',
      updatedAt: '2024-03-02T09:30:00.000Z',
    })
    expect(result.cards[1]).toEqual({
      row: 2,
      card: card({ language: 'en', complaint: { body: "I can't stop checking my phone at night." } }),
    })
  })

  it('reads a plain array too', () => {
    const result = parseText('plain.json', JSON.stringify([{ language: 'en', complaint: { body: 'Hello.' } }]))
    expect(result.errors).toEqual([])
    expect(result.cards[0].card.complaint.body).toBe('Hello.')
  })

  it('reads JSONL, skipping blank lines and numbering rows by line', () => {
    const result = parseFixture('cards.jsonl')
    expect(result.errors).toEqual([])
    expect(result.format).toBe('jsonl')
    expect(result.rows).toBe(2)
    expect(result.cards.map((c) => c.row)).toEqual([1, 4])
    expect(result.cards[0]).toEqual({
      row: 1,
      card: card({
        id: 'fx-1',
        language: 'en',
        name: 'Ann',
        complaint: { title: 'Stuck', body: 'I feel stuck in my job.' },
        tags: ['a', 'b'],
      }),
      createdAt: '2024-01-01T00:00:00Z',
    })
    expect(result.cards[1].card).toEqual(
      card({ id: 'fx-2', language: 'zh', complaint: { body: '我和男朋友总是吵架。' }, example: true }),
    )
  })
})

describe('CSV', () => {
  it('reads quoted cells, embedded newlines, BOM and loose header spelling', () => {
    const result = parseFixture('cards.csv')
    expect(result.errors).toEqual([])
    expect(result.format).toBe('csv')
    expect(result.rows).toBe(2)
    expect(result.cards.map((c) => c.row)).toEqual([1, 3])
    expect(result.cards[0]).toEqual({
      row: 1,
      card: card({
        id: 'csv-1',
        language: 'zh',
        name: '张伟',
        age: 35,
        bigFive: { openness: { level: 'somewhat_high' } },
        complaint: { title: '失眠', body: '我每天凌晨三点就醒，\n然后再也睡不着。他说："别想太多"，可是我做不到。' },
        tags: ['睡眠', '焦虑'],
        example: true,
      }),
      createdAt: '2024-05-01T10:00:00.000Z',
    })
    expect(result.cards[1]).toEqual({
      row: 3,
      card: card({
        id: 'csv-2',
        language: 'en',
        name: 'Lee, Jordan',
        resistance: { level: 'high' },
        complaint: { body: 'I argue with my brother, every time we meet.' },
      }),
    })
  })

  it('reads semicolon-separated files as saved by some spreadsheet locales', () => {
    const result = parseText('semi.csv', 'language;complaint_body;tags\nen;"Hello; world";"a\\;b; c"\n')
    expect(result.errors).toEqual([])
    expect(result.cards[0].card.complaint.body).toBe('Hello; world')
    expect(result.cards[0].card.tags).toEqual(['a;b', 'c'])
  })
})

describe('format detection', () => {
  it('uses the extension, then the content', () => {
    expect(detectRoleCardFormat('a.csv', 'x')).toBe('csv')
    expect(detectRoleCardFormat('a.JSONL', '{}')).toBe('jsonl')
    expect(detectRoleCardFormat('a.json', '["标题 正文"]')).toBe('posts')
    expect(detectRoleCardFormat('a.json', new TextDecoder().decode(readFixture('cactus.json')))).toBe('cactus')
    expect(detectRoleCardFormat('a.json', '{"roleCards": []}')).toBe('json')
    expect(detectRoleCardFormat('a.json', '{"language":"en"}\n{"language":"zh"}\n')).toBe('jsonl')
    expect(detectRoleCardFormat('cards.txt', 'language,complaint_body\nen,hi\n')).toBe('csv')
    expect(detectRoleCardFormat('notes.txt', 'just some words')).toBeNull()
  })

  it('reads a file with the format forced even if the name says otherwise', () => {
    const result = parseText('export.txt', '["标题 正文"]', 'posts')
    expect(result.errors).toEqual([])
    expect(result.format).toBe('posts')
    expect(result.cards[0].card.complaint).toEqual({ title: '标题', body: '正文' })
  })
})
