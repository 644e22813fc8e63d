/** English UI strings: rating studies (the owner's list, form and results). */
export const studies = {
  studies: {
    title: 'Rating studies',
  },
}
