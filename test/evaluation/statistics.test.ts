import { describe, expect, it } from 'vitest'
import { entropyBits, mean, std, tTest, variance } from '../../src/main/evaluation/statistics'

// R's `sleep` data (Cushny & Peebles): extra hours of sleep under drug 1 and drug 2.
const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]

// Wikipedia, "Welch's t-test", example 2 (unequal sizes and variances).
const wikiA1 = [17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8]
const wikiA2 = [
  21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5, 23.5, 21.5,
  21.8,
]

describe('mean, variance, std', () => {
  it('match hand computation', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; 32/7.
    const x = [2, 4, 4, 4, 5, 5, 7, 9]
    expect(mean(x)).toBe(5)
    expect(variance(x)).toBeCloseTo(32 / 7, 12)
    expect(std(x)).toBeCloseTo(Math.sqrt(32 / 7), 12)
  })
  it('are NaN where undefined', () => {
    expect(mean([])).toBeNaN()
    expect(std([3])).toBeNaN()
    expect(std([])).toBeNaN()
  })
})

describe('tTest', () => {
  it("Welch's test on the sleep data matches R's published t.test output", () => {
    // R: t.test(extra ~ group, data = sleep) → t = -1.8608, df = 17.776, p-value = 0.07939
    const c = tTest(sleep1, sleep2)
    expect(c.test).toBe('welch')
    expect(c.t).toBeCloseTo(-1.8608, 4)
    expect(c.df).toBeCloseTo(17.776, 3)
    expect(c.p).toBeCloseTo(0.07939, 5)
    expect(c.a).toEqual({ n: 10, mean: expect.closeTo(0.75, 12), std: expect.closeTo(1.78901, 5) })
    expect(c.b.mean).toBeCloseTo(2.33, 12)
  })

  it("Student's test on the sleep data matches R's var.equal = TRUE output", () => {
    // R: t.test(extra ~ group, data = sleep, var.equal = TRUE) → t = -1.8608, df = 18, p-value = 0.07919
    const c = tTest(sleep1, sleep2, 'student')
    expect(c.test).toBe('student')
    expect(c.t).toBeCloseTo(-1.8608, 4)
    expect(c.df).toBe(18)
    expect(c.p).toBeCloseTo(0.07919, 5)
  })

  it('tells Welch from Student on unequal groups (Wikipedia example 2)', () => {
    // Wikipedia: Welch t = -1.57, df = 9.9, p = 0.149; Student t = -2.10, df = 28, p = 0.045.
    // More digits from scipy.stats.ttest_ind (scipy 1.17.1, an independent implementation).
    const welch = tTest(wikiA1, wikiA2, 'welch')
    expect(welch.t).toBeCloseTo(-1.565434, 6)
    expect(welch.df).toBeCloseTo(9.904741, 6)
    expect(welch.p).toBeCloseTo(0.148842, 6)
    const student = tTest(wikiA1, wikiA2, 'student')
    expect(student.t).toBeCloseTo(-2.10005, 6)
    expect(student.df).toBe(28)
    expect(student.p).toBeCloseTo(0.044859, 6)
  })

  it("computes t, df and Cohen's d by hand on a tiny example", () => {
    // a = 1..5: mean 3, var 10/4 = 2.5. b = 2, 4, 6: mean 4, var 8/2 = 4.
    // pooled var = (4·2.5 + 2·4) / 6 = 3, so d = (3 − 4)/√3 = −0.577350.
    // Student: t = −1 / (√3·√(1/5 + 1/3)) = −1/√1.6 = −0.790569, df = 6.
    // Welch: ua = 0.5, ub = 4/3, t = −1/√(11/6) = −0.738549,
    //        df = (11/6)² / (0.5²/4 + (4/3)²/2) = 3.361111 / 0.951389 = 3.532847.
    const a = [1, 2, 3, 4, 5]
    const b = [2, 4, 6]
    const student = tTest(a, b, 'student')
    expect(student.t).toBeCloseTo(-0.790569, 6)
    expect(student.df).toBe(6)
    expect(student.cohensD).toBeCloseTo(-1 / Math.sqrt(3), 10)
    const welch = tTest(a, b)
    expect(welch.t).toBeCloseTo(-0.738549, 6)
    expect(welch.df).toBeCloseTo(3.532847, 6)
    expect(welch.cohensD).toBeCloseTo(-0.57735, 6)
    // p from scipy.stats.ttest_ind: Welch 0.506214, Student 0.459293.
    expect(welch.p).toBeCloseTo(0.506214, 6)
    expect(student.p).toBeCloseTo(0.459293, 6)
  })

  it('keeps the precision of very small p values', () => {
    // 20..29 vs 0..9: var 55/6 each, t = 20/√(2·55/60) = 14.770979, df = 18;
    // scipy: p = 1.6670479955e-11.
    const c = tTest(
      Array.from({ length: 10 }, (_, i) => 20 + i),
      Array.from({ length: 10 }, (_, i) => i),
    )
    expect(c.t).toBeCloseTo(14.770979, 6)
    expect(c.p / 1.6670479955e-11).toBeCloseTo(1, 6)
  })

  it('handles one constant group (Welch df from the other group)', () => {
    // a = 1..5 (ua = 0.5), b = 7,7,7 (ub = 0): t = −4/√0.5 = −5.656854, df = 0.5²/(0.5²/4) = 4.
    const c = tTest([1, 2, 3, 4, 5], [7, 7, 7])
    expect(c.t).toBeCloseTo(-5.656854, 6)
    expect(c.df).toBeCloseTo(4, 10)
    expect(c.p).toBeCloseTo(0.004813, 6) // scipy: 0.0048126783
  })

  it('returns the zero-spread limits when both groups are constant', () => {
    const differ = tTest([1, 1, 1], [2, 2, 2, 2])
    expect(differ.t).toBe(-Infinity)
    expect(differ.p).toBe(0)
    expect(differ.cohensD).toBe(-Infinity)
    // Equal-variance limit of Welch's df: (1/3 + 1/4)² / (1/(9·2) + 1/(16·3)) = 0.340278 / 0.076389 = 4.454545
    expect(differ.df).toBeCloseTo(4.454545, 6)
    const same = tTest([5, 5], [5, 5, 5], 'student')
    expect(same.t).toBe(0)
    expect(same.p).toBe(1)
    expect(same.cohensD).toBe(0)
    expect(same.df).toBe(3)
  })

  it('is NaN (not a number pretending to be a result) when a group has fewer than two values', () => {
    for (const [a, b] of [
      [[1], [1, 2, 3]],
      [[1, 2], []],
    ] as const) {
      const c = tTest(a, b)
      expect(c.t).toBeNaN()
      expect(c.df).toBeNaN()
      expect(c.p).toBeNaN()
      expect(c.cohensD).toBeNaN()
    }
    expect(tTest([1], [2, 3]).a).toEqual({ n: 1, mean: 1, std: NaN })
  })
})

describe('entropyBits', () => {
  it('is 3 bits for a uniform distribution over 8 outcomes', () => {
    expect(entropyBits([5, 5, 5, 5, 5, 5, 5, 5])).toBeCloseTo(3, 12)
  })
  it('matches a hand-computed skewed distribution', () => {
    // 8, 4, 2, 2 of 16 → ½·1 + ¼·2 + ⅛·3 + ⅛·3 = 1.75 bits; zero counts add nothing.
    expect(entropyBits([8, 4, 2, 2, 0])).toBeCloseTo(1.75, 12)
    // 1, 2, 1 of 4 → ¼·2 + ½·1 + ¼·2 = 1.5 bits.
    expect(
      entropyBits(
        new Map([
          ['a', 1],
          ['b', 2],
          ['c', 1],
        ]).values(),
      ),
    ).toBeCloseTo(1.5, 12)
  })
  it('is 0 for a single outcome and NaN for no observations', () => {
    expect(entropyBits([7])).toBe(0)
    expect(entropyBits([])).toBeNaN()
    expect(entropyBits([0, 0])).toBeNaN()
  })
  it('rejects negative counts', () => {
    expect(() => entropyBits([1, -1])).toThrow(RangeError)
  })
})
