/** English UI strings: arena. */
export const arena = {
  arena: {
    title: 'Arena',
  },
}
