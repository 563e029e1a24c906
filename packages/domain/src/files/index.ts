/** Files: real types from content, safe display names, the records files attach to, sample files. */
export * from './sniff-file-type.ts';
export * from './sanitise-file-name.ts';
export * from './file-attachments.ts';
export * from './sample-files.ts';
