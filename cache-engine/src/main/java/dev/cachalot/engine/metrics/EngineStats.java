package dev.cachalot.engine.metrics;

/** Node-wide counters for INFO stats; written only by the data thread. */
public final class EngineStats {
    public long totalConnectionsReceived;
    public long totalCommandsProcessed;
    /** Commands refused by the gate (unknown, arity, …): Redis's rejected_calls. */
    public long rejectedCalls;
    public long totalErrorReplies;
    public long protocolErrors;
    public long netInputBytes;
    public long netOutputBytes;
    /** Connections refused at maxclients. */
    public long rejectedConnections;
    public long queryBufferLimitDisconnections;
    public long outputBufferLimitDisconnections;

    public void reset() {
        totalConnectionsReceived = 0;
        totalCommandsProcessed = 0;
        rejectedCalls = 0;
        totalErrorReplies = 0;
        protocolErrors = 0;
        netInputBytes = 0;
        netOutputBytes = 0;
        rejectedConnections = 0;
        queryBufferLimitDisconnections = 0;
        outputBufferLimitDisconnections = 0;
    }
}
