package dev.confab.server.store.sqlite;

/**
 * Counters of the writer since the store opened.
 *
 * @param transactions committed transactions
 * @param writes       writes committed (messages, edits, deletes, rooms, members, accounts)
 * @param messages     new messages committed (duplicates not counted)
 * @param failedBatches transactions rolled back after an error
 * @param queued       writes waiting for the writer now
 */
public record WriterStats(long transactions, long writes, long messages, long failedBatches, int queued) {
}
