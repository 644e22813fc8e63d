/** English UI strings: training. */
export const training = {
  training: {
    title: 'Training',
  },
}
