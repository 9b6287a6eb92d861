package dev.cachalot.engine.memcached;

/**
 * The node-wide counters behind {@code stats}, named as memcached names them (the agent's metrics and
 * users' dashboards read these names). Confined to the node's event-loop thread.
 */
final class MemcachedStats {
    long totalConnections;
    long rejectedConnections;
    int currConnections;
    long cmdGet;
    long cmdSet;
    long cmdFlush;
    long cmdTouch;
    long cmdMeta;
    long getHits;
    long getMisses;
    long getExpired;
    long getFlushed;
    long deleteMisses;
    long deleteHits;
    long incrMisses;
    long incrHits;
    long decrMisses;
    long decrHits;
    long casMisses;
    long casHits;
    long casBadval;
    long touchHits;
    long touchMisses;
    long storeTooLarge;
    long storeNoMemory;
    long authCmds;
    long authErrors;
    long bytesRead;
    long bytesWritten;
    long totalItems;
    long expiredUnfetched;
    long evictedUnfetched;
    long evictedActive;
    long evictions;
    long reclaimed;
    long crawlerReclaimed;
    long crawlerItemsChecked;
    long directReclaims;

    /** {@code stats reset}: every counter that memcached resets. */
    void reset() {
        totalConnections = rejectedConnections = 0;
        cmdGet = cmdSet = cmdFlush = cmdTouch = cmdMeta = 0;
        getHits = getMisses = getExpired = getFlushed = 0;
        deleteMisses = deleteHits = incrMisses = incrHits = decrMisses = decrHits = 0;
        casMisses = casHits = casBadval = touchHits = touchMisses = 0;
        storeTooLarge = storeNoMemory = authCmds = authErrors = 0;
        bytesRead = bytesWritten = totalItems = 0;
        expiredUnfetched = evictedUnfetched = evictedActive = evictions = reclaimed = 0;
        crawlerReclaimed = crawlerItemsChecked = directReclaims = 0;
    }
}
