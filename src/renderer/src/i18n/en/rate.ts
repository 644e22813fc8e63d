/** English UI strings: the rater's view of a study. */
export const rate = {
  rate: {
    title: 'Rating',
  },
}
