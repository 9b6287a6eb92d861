package dev.cachalot.engine.command;

import dev.cachalot.engine.command.connection.ConnectionCommands;
import dev.cachalot.engine.command.hash.HashCommands;
import dev.cachalot.engine.command.list.ListCommands;
import dev.cachalot.engine.command.set.SetCommands;
import dev.cachalot.engine.command.zset.ZSetCommands;
import dev.cachalot.engine.command.keyspace.KeyspaceCommands;
import dev.cachalot.engine.command.pubsub.PubSubCommands;
import dev.cachalot.engine.command.transaction.TransactionCommands;
import dev.cachalot.engine.command.server.ServerCommands;
import dev.cachalot.engine.command.string.StringCommands;

import java.util.ArrayList;
import java.util.List;

/** Assembles the command table from the command groups. A new group registers here. */
public final class Commands {

    private Commands() {
    }

    public static CommandTable table() {
        List<CommandSpec> all = new ArrayList<>();
        all.addAll(ConnectionCommands.specs());
        all.addAll(StringCommands.specs());
        all.addAll(KeyspaceCommands.specs());
        all.addAll(HashCommands.specs());
        all.addAll(ListCommands.specs());
        all.addAll(SetCommands.specs());
        all.addAll(ZSetCommands.specs());
        all.add(dev.cachalot.engine.command.server.MemoryCommand.spec());
        all.addAll(ServerCommands.specs());
        all.addAll(TransactionCommands.specs());
        all.addAll(PubSubCommands.specs());
        return new CommandTable(all);
    }
}
