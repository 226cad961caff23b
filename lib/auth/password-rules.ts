/** Password bounds: the library enforces them; the schema and the form say them first. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
