package dev.cachalot.controlplane.parametergroup;

/**
 * The resources that use parameter groups (cache clusters; later replication groups), told about
 * changes of a group and asked before one is deleted. Implemented by those features, so that this
 * one depends on none of them.
 */
public interface CacheParameterGroupUsers {

    /** Whether any resource of the account uses the group. */
    boolean usesParameterGroup(String accountId, String groupName);

    /**
     * The group's values changed (in the caller's transaction): the users bring their nodes to the
     * new values, live for {@code immediate} parameters and at the next reboot for the others.
     */
    void parameterGroupChanged(String accountId, String groupName);
}
