/** Permission bits as ls and chmod write them: 0644, 01730, 04755. */
export const octal = (mode: number): string => `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
