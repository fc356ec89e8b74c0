/** `live="false"` turns an option off; the attribute's absence leaves it on. */
export const onUnlessFalse = {
  fromAttribute: (value: string | null) => value !== 'false',
  toAttribute: (value: boolean) => (value ? null : 'false'),
};
