// Running the operation: instructions to evacuees, pickup codes, the status machine, offline sync, reconciliation.
export * from './code-words.ts';
export * from './instruction-messages.ts';
export * from './instructions.ts';
export * from './pickup-codes.ts';
export * from './reconcile.ts';
export * from './reissue.ts';
export * from './sms-length.ts';
export * from './status.ts';
export * from './sync.ts';
export * from './withdrawal-notice.ts';
