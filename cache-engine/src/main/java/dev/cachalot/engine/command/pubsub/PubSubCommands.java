package dev.cachalot.engine.command.pubsub;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.pubsub.PubSub;
import dev.cachalot.engine.pubsub.PubSub.Kind;
import dev.cachalot.engine.util.ByteKey;

import java.util.List;

import static dev.cachalot.engine.command.CommandFlag.FAST;
import static dev.cachalot.engine.command.CommandFlag.LOADING;
import static dev.cachalot.engine.command.CommandFlag.NOSCRIPT;
import static dev.cachalot.engine.command.CommandFlag.PUBSUB;
import static dev.cachalot.engine.command.CommandFlag.STALE;
import static dev.cachalot.engine.command.CommandSpec.command;

/**
 * SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE and their UN- forms, PUBLISH, SPUBLISH and PUBSUB (Redis's
 * pubsub.c). Confirmations are pushes in RESP3 and arrays in RESP2; the RESP2 subscribed-mode
 * restrictions are the gate's.
 */
public final class PubSubCommands {

    private static final String GROUP = "pubsub";

    private PubSubCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
                command("subscribe", -2, ctx -> subscribe(ctx, Kind.CHANNEL)).flags(PUBSUB, NOSCRIPT, LOADING, STALE).group(GROUP)
                        .args("channel:string...").doc("2.0.0", "Listens for messages published to channels.", "O(N) where N is the number of channels to subscribe to.").build(),
                command("psubscribe", -2, ctx -> subscribe(ctx, Kind.PATTERN)).flags(PUBSUB, NOSCRIPT, LOADING, STALE).group(GROUP)
                        .args("pattern:pattern...").doc("2.0.0", "Listens for messages published to channels that match one or more patterns.", "O(N) where N is the number of patterns to subscribe to.").build(),
                command("ssubscribe", -2, ctx -> subscribe(ctx, Kind.SHARD)).flags(PUBSUB, NOSCRIPT, LOADING, STALE).keys(1, -1, 1).group(GROUP)
                        .args("shardchannel:string...").doc("7.0.0", "Listens for messages published to shard channels.", "O(N) where N is the number of shard channels to subscribe to.").build(),
                command("unsubscribe", -1, ctx -> unsubscribe(ctx, Kind.CHANNEL)).flags(PUBSUB, NOSCRIPT, LOADING, STALE).group(GROUP)
                        .args("[channel:string...]").doc("2.0.0", "Stops listening to messages posted to channels.", "O(N) where N is the number of channels to unsubscribe.").build(),
                command("punsubscribe", -1, ctx -> unsubscribe(ctx, Kind.PATTERN)).flags(PUBSUB, NOSCRIPT, LOADING, STALE).group(GROUP)
                        .args("[pattern:pattern...]").doc("2.0.0", "Stops listening to messages published to channels that match one or more patterns.", "O(N) where N is the number of patterns to unsubscribe.").build(),
                command("sunsubscribe", -1, ctx -> unsubscribe(ctx, Kind.SHARD)).flags(PUBSUB, NOSCRIPT, LOADING, STALE).keys(1, -1, 1).group(GROUP)
                        .args("[shardchannel:string...]").doc("7.0.0", "Stops listening to messages posted to shard channels.", "O(N) where N is the number of shard channels to unsubscribe.").build(),
                command("publish", 3, PubSubCommands::publish).flags(PUBSUB, LOADING, STALE, FAST).group(GROUP)
                        .args("channel:string message:string").doc("2.0.0", "Posts a message to a channel.", "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).").build(),
                command("spublish", 3, PubSubCommands::spublish).flags(PUBSUB, LOADING, STALE, FAST).keys(1, 1, 1).group(GROUP)
                        .args("shardchannel:string message:string").doc("7.0.0", "Post a message to a shard channel", "O(N) where N is the number of clients subscribed to the receiving shard channel.").build(),
                command("pubsub", -2, ctx -> { }).group(GROUP)
                        .doc("2.8.0", "A container for Pub/Sub commands.", "Depends on subcommand.")
                        .subcommand(command("channels", -2, ctx -> channels(ctx, Kind.CHANNEL)).flags(PUBSUB, LOADING, STALE)
                                .args("[pattern:pattern]").doc("2.8.0", "Returns the active channels.", "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)"))
                        .subcommand(command("numsub", -2, ctx -> numsub(ctx, Kind.CHANNEL)).flags(PUBSUB, LOADING, STALE)
                                .args("[channel:string...]").doc("2.8.0", "Returns a count of subscribers to channels.", "O(N) for the NUMSUB subcommand, where N is the number of requested channels"))
                        .subcommand(command("numpat", 2, PubSubCommands::numpat).flags(PUBSUB, LOADING, STALE)
                                .doc("2.8.0", "Returns a count of unique pattern subscriptions.", "O(1)"))
                        .subcommand(command("shardchannels", -2, ctx -> channels(ctx, Kind.SHARD)).flags(PUBSUB, LOADING, STALE)
                                .args("[pattern:pattern]").doc("7.0.0", "Returns the active shard channels.", "O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels)."))
                        .subcommand(command("shardnumsub", -2, ctx -> numsub(ctx, Kind.SHARD)).flags(PUBSUB, LOADING, STALE)
                                .args("[shardchannel:string...]").doc("7.0.0", "Returns the count of subscribers of shard channels.", "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels"))
                        .subcommand(command("help", 2, PubSubCommands::help).flags(LOADING, STALE)
                                .doc("6.2.0", "Returns helpful text about the different subcommands.", "O(1)"))
                        .build());
    }

    static void subscribe(CommandContext ctx, Kind kind) {
        RespRequest a = ctx.args();
        PubSub ps = ctx.server().pubsub();
        for (int i = 1; i < a.argc(); i++) {
            ps.subscribe(ctx.session(), kind, new ByteKey(a.bytes(i)), ctx.reply());
        }
    }

    static void unsubscribe(CommandContext ctx, Kind kind) {
        RespRequest a = ctx.args();
        PubSub ps = ctx.server().pubsub();
        if (a.argc() == 1) {
            ps.unsubscribeAll(ctx.session(), kind, ctx.reply());
            return;
        }
        for (int i = 1; i < a.argc(); i++) {
            ps.unsubscribe(ctx.session(), kind, new ByteKey(a.bytes(i)), ctx.reply());
        }
    }

    static void publish(CommandContext ctx) {
        RespRequest a = ctx.args();
        ctx.reply().integer(ctx.server().pubsub().publish(a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(2), a.length(2)));
    }

    static void spublish(CommandContext ctx) {
        RespRequest a = ctx.args();
        ctx.reply().integer(ctx.server().pubsub().spublish(a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(2), a.length(2)));
    }

    static void channels(CommandContext ctx, Kind kind) {
        RespRequest a = ctx.args();
        if (a.argc() > 3) {
            ctx.subcommandSyntaxError();
            return;
        }
        List<byte[]> names = ctx.server().pubsub().channels(kind, a.argc() == 3 ? a.string(2) : null);
        ctx.reply().arrayHeader(names.size());
        for (byte[] n : names) {
            ctx.reply().bulk(n);
        }
    }

    static void numsub(CommandContext ctx, Kind kind) {
        RespRequest a = ctx.args();
        RespReply r = ctx.reply();
        r.arrayHeader((a.argc() - 2) * 2);
        for (int i = 2; i < a.argc(); i++) {
            r.bulk(a.buf(), a.offset(i), a.length(i));
            r.integer(ctx.server().pubsub().subscribers(kind, a.bytes(i)));
        }
    }

    static void numpat(CommandContext ctx) {
        ctx.reply().integer(ctx.server().pubsub().patternCount());
    }

    static void help(CommandContext ctx) {
        ctx.help("PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "CHANNELS [<pattern>]",
                "    Return the currently active channels matching a <pattern> (default: '*').",
                "NUMPAT",
                "    Return number of subscriptions to patterns.",
                "NUMSUB [<channel> ...]",
                "    Return the number of subscribers for the specified channels, excluding",
                "    pattern subscriptions(default: no channels).",
                "SHARDCHANNELS [<pattern>]",
                "    Return the currently active shard level channels matching a <pattern> (default: '*').",
                "SHARDNUMSUB [<shardchannel> ...]",
                "    Return the number of subscribers for the specified shard level channel(s)");
    }
}
