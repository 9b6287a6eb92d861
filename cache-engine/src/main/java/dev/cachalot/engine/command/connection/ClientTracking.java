package dev.cachalot.engine.command.connection;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.session.ClientSession;
import dev.cachalot.engine.tracking.Tracking;

import java.util.ArrayList;
import java.util.List;

/** CLIENT TRACKING, CACHING, GETREDIR and TRACKINGINFO (Redis 7's option rules and error texts). */
final class ClientTracking {

    private static final byte[] ON = RespReply.ascii("ON");
    private static final byte[] OFF = RespReply.ascii("OFF");
    private static final byte[] REDIRECT = RespReply.ascii("REDIRECT");
    private static final byte[] BCAST = RespReply.ascii("BCAST");
    private static final byte[] PREFIX = RespReply.ascii("PREFIX");
    private static final byte[] OPTIN = RespReply.ascii("OPTIN");
    private static final byte[] OPTOUT = RespReply.ascii("OPTOUT");
    private static final byte[] NOLOOP = RespReply.ascii("NOLOOP");
    private static final byte[] YES = RespReply.ascii("YES");
    private static final byte[] NO = RespReply.ascii("NO");

    private ClientTracking() {
    }

    static void tracking(CommandContext ctx) {
        RespRequest a = ctx.args();
        ClientSession s = ctx.session();
        Tracking tracking = ctx.server().tracking();
        ClientSession.TrackingState t = new ClientSession.TrackingState();
        t.redirect = 0;
        List<byte[]> prefixes = new ArrayList<>();
        for (int j = 3; j < a.argc(); j++) {
            boolean more = j + 1 < a.argc();
            if (a.is(j, REDIRECT) && more) {
                j++;
                if (t.redirect != 0) {
                    ctx.reply().error("A client can only redirect to a single other client");
                    return;
                }
                if (!a.parseLong(j, ctx.number)) {
                    ctx.reply().raw(RespReply.ERR_NOT_INTEGER);
                    return;
                }
                t.redirect = ctx.number.value;
                if (ctx.server().clients().get(t.redirect) == null) {
                    ctx.reply().error("The client ID you want redirect to does not exist");
                    return;
                }
            } else if (a.is(j, BCAST)) {
                t.bcast = true;
            } else if (a.is(j, OPTIN)) {
                t.optin = true;
            } else if (a.is(j, OPTOUT)) {
                t.optout = true;
            } else if (a.is(j, NOLOOP)) {
                t.noloop = true;
            } else if (a.is(j, PREFIX) && more) {
                j++;
                prefixes.add(a.bytes(j));
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        if (a.is(2, ON)) {
            ClientSession.TrackingState old = s.tracking();
            if (old != null && old.bcast != t.bcast) {
                ctx.reply().error("You can't switch BCAST mode on/off before disabling tracking for this client, "
                        + "and then re-enabling it with a different mode.");
                return;
            }
            if (!prefixes.isEmpty() && !t.bcast) {
                ctx.reply().error("PREFIX option requires BCAST mode to be enabled");
                return;
            }
            if (old != null && ((old.optin && t.optout) || (old.optout && t.optin))) {
                ctx.reply().error("You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, "
                        + "and then re-enabling it with a different mode.");
                return;
            }
            if (t.optin && t.optout) {
                ctx.reply().error("You can't specify both OPTIN mode and OPTOUT mode");
                return;
            }
            if (t.bcast && (t.optin || t.optout)) {
                ctx.reply().error("OPTIN and OPTOUT are not compatible with BCAST");
                return;
            }
            List<byte[]> all = new ArrayList<>(old == null ? List.of() : old.prefixes);
            for (int i = 0; i < prefixes.size(); i++) {
                byte[] p = prefixes.get(i);
                for (int k = i + 1; k < prefixes.size(); k++) {
                    byte[] q = prefixes.get(k);
                    if (Tracking.overlapping(List.of(q), p) != null) {
                        ctx.reply().error("Prefix '" + text(p) + "' overlaps with another provided prefix '" + text(q)
                                + "'. Prefixes for a single client must not overlap.");
                        return;
                    }
                }
                byte[] existing = Tracking.overlapping(all, p);
                if (existing != null && !java.util.Arrays.equals(existing, p)) {
                    ctx.reply().error("Prefix '" + text(p) + "' overlaps with an existing prefix '" + text(existing)
                            + "'. Prefixes for a single client must not overlap.");
                    return;
                }
            }
            for (byte[] p : prefixes) {
                if (all.stream().noneMatch(q -> java.util.Arrays.equals(q, p))) {
                    all.add(p);
                }
            }
            t.prefixes.addAll(all);
            if (old != null) {
                tracking.disable(s);
            }
            tracking.enable(s, t);
        } else if (a.is(2, OFF)) {
            tracking.disable(s);
        } else {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
            return;
        }
        ctx.reply().ok();
    }

    static void caching(CommandContext ctx) {
        ClientSession s = ctx.session();
        ClientSession.TrackingState t = s.tracking();
        if (t == null || !(t.optin || t.optout)) {
            ctx.reply().error("CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or "
                    + "OPTOUT mode enabled");
            return;
        }
        RespRequest a = ctx.args();
        if (a.is(2, YES)) {
            if (!t.optin) {
                ctx.reply().error("CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
                return;
            }
        } else if (a.is(2, NO)) {
            if (!t.optout) {
                ctx.reply().error("CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
                return;
            }
        } else {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
            return;
        }
        s.set(ClientSession.TRACKING_CACHING);
        ctx.reply().ok();
    }

    /** -1 when tracking is off, 0 when on without redirection, else the target's id. */
    static void getRedir(CommandContext ctx) {
        ClientSession.TrackingState t = ctx.session().tracking();
        ctx.reply().integer(t == null ? -1 : Math.max(0, t.redirect));
    }

    static void trackingInfo(CommandContext ctx) {
        ClientSession s = ctx.session();
        ClientSession.TrackingState t = s.tracking();
        RespReply r = ctx.reply();
        r.mapHeader(3);
        r.bulk("flags");
        List<String> flags = new ArrayList<>();
        if (t == null) {
            flags.add("off");
        } else {
            flags.add("on");
            if (t.bcast) {
                flags.add("bcast");
            }
            if (t.optin) {
                flags.add("optin");
                if (s.has(ClientSession.TRACKING_CACHING)) {
                    flags.add("caching-yes");
                }
            }
            if (t.optout) {
                flags.add("optout");
                if (s.has(ClientSession.TRACKING_CACHING)) {
                    flags.add("caching-no");
                }
            }
            if (t.noloop) {
                flags.add("noloop");
            }
            if (t.brokenRedirect) {
                flags.add("broken_redirect");
            }
        }
        r.setHeader(flags.size());
        for (String f : flags) {
            r.bulk(f);
        }
        r.bulk("redirect");
        r.integer(t == null ? -1 : Math.max(0, t.redirect));
        r.bulk("prefixes");
        List<byte[]> ps = t == null ? List.of() : t.prefixes;
        r.arrayHeader(ps.size());
        for (byte[] p : ps) {
            r.bulk(p);
        }
    }

    private static String text(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
