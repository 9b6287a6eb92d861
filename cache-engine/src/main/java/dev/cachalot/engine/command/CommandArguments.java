package dev.cachalot.engine.command;

import java.util.HashMap;
import java.util.Map;

/**
 * The arguments of Redis 7.2's data commands, in the notation of {@link CommandSpec.Builder#args},
 * for COMMAND DOCS (redis-cli's hints) when a command's own declaration gives none. A command group
 * may declare its arguments next to its spec instead; that declaration wins.
 */
final class CommandArguments {

    private CommandArguments() {
    }

    private static final Map<String, String> ARGS = new HashMap<>();

    static {
        String expiration = "[expiration:(EX=seconds:integer|PX=milliseconds:integer|EXAT=unix-time-seconds:unix-time"
                + "|PXAT=unix-time-milliseconds:unix-time|KEEPTTL)]";
        // strings
        put("get", "key:key");
        put("set", "key:key value:string [condition:(NX|XX)] [GET] " + expiration);
        put("setnx", "key:key value:string");
        put("setex", "key:key seconds:integer value:string");
        put("psetex", "key:key milliseconds:integer value:string");
        put("getset", "key:key value:string");
        put("getdel", "key:key");
        put("getex", "key:key [expiration:(EX=seconds:integer|PX=milliseconds:integer|EXAT=unix-time-seconds:unix-time"
                + "|PXAT=unix-time-milliseconds:unix-time|PERSIST)]");
        put("mget", "key:key...");
        put("mset", "data:{key:key value:string}...");
        put("msetnx", "data:{key:key value:string}...");
        put("append", "key:key value:string");
        put("strlen", "key:key");
        put("getrange", "key:key start:integer end:integer");
        put("substr", "key:key start:integer end:integer");
        put("setrange", "key:key offset:integer value:string");
        put("incr", "key:key");
        put("decr", "key:key");
        put("incrby", "key:key increment:integer");
        put("decrby", "key:key decrement:integer");
        put("incrbyfloat", "key:key increment:double");
        put("lcs", "key1:key key2:key [LEN] [IDX] [MINMATCHLEN=min-match-len:integer] [WITHMATCHLEN]");
        // keys
        put("del", "key:key...");
        put("unlink", "key:key...");
        put("exists", "key:key...");
        put("touch", "key:key...");
        put("type", "key:key");
        put("rename", "key:key newkey:key");
        put("renamenx", "key:key newkey:key");
        put("copy", "source:key destination:key [DB=destination-db:integer] [REPLACE]");
        put("move", "key:key db:integer");
        put("randomkey", null);
        put("keys", "pattern:pattern");
        put("scan", "cursor:integer [MATCH=pattern:pattern] [COUNT=count:integer] [TYPE=type:string]");
        String condition = "[condition:(NX|XX|GT|LT)]";
        put("expire", "key:key seconds:integer " + condition);
        put("pexpire", "key:key milliseconds:integer " + condition);
        put("expireat", "key:key unix-time-seconds:unix-time " + condition);
        put("pexpireat", "key:key unix-time-milliseconds:unix-time " + condition);
        put("ttl", "key:key");
        put("pttl", "key:key");
        put("expiretime", "key:key");
        put("pexpiretime", "key:key");
        put("persist", "key:key");
        put("dump", "key:key");
        put("restore", "key:key ttl:integer serialized-value:string [REPLACE] [ABSTTL] [IDLETIME=seconds:integer] [FREQ=frequency:integer]");
        put("object|encoding", "key:key");
        put("object|freq", "key:key");
        put("object|idletime", "key:key");
        put("object|refcount", "key:key");
        put("select", "index:integer");
        put("swapdb", "index1:integer index2:integer");
        put("sort", "key:key [BY=by-pattern:pattern] [limit:{LIMIT=offset:integer count:integer}] [GET=get-pattern:pattern...] "
                + "[order:(ASC|DESC)] [sorting:(ALPHA)] [STORE=destination:key]");
        put("sort_ro", "key:key [BY=by-pattern:pattern] [limit:{LIMIT=offset:integer count:integer}] [GET=get-pattern:pattern...] "
                + "[order:(ASC|DESC)] [sorting:(ALPHA)]");
        // hashes
        put("hset", "key:key data:{field:string value:string}...");
        put("hsetnx", "key:key field:string value:string");
        put("hmset", "key:key data:{field:string value:string}...");
        put("hget", "key:key field:string");
        put("hmget", "key:key field:string...");
        put("hdel", "key:key field:string...");
        put("hexists", "key:key field:string");
        put("hgetall", "key:key");
        put("hkeys", "key:key");
        put("hvals", "key:key");
        put("hlen", "key:key");
        put("hstrlen", "key:key field:string");
        put("hincrby", "key:key field:string increment:integer");
        put("hincrbyfloat", "key:key field:string increment:double");
        put("hrandfield", "key:key [options:{count:integer [WITHVALUES]}]");
        put("hscan", "key:key cursor:integer [MATCH=pattern:pattern] [COUNT=count:integer]");
        // lists
        put("lpush", "key:key element:string...");
        put("rpush", "key:key element:string...");
        put("lpushx", "key:key element:string...");
        put("rpushx", "key:key element:string...");
        put("lpop", "key:key [count:integer]");
        put("rpop", "key:key [count:integer]");
        put("llen", "key:key");
        put("lrange", "key:key start:integer stop:integer");
        put("lindex", "key:key index:integer");
        put("lset", "key:key index:integer element:string");
        put("lrem", "key:key count:integer element:string");
        put("ltrim", "key:key start:integer stop:integer");
        put("linsert", "key:key where:(BEFORE|AFTER) pivot:string element:string");
        put("lpos", "key:key element:string [RANK=rank:integer] [COUNT=num-matches:integer] [MAXLEN=len:integer]");
        put("lmove", "source:key destination:key wherefrom:(LEFT|RIGHT) whereto:(LEFT|RIGHT)");
        put("rpoplpush", "source:key destination:key");
        put("lmpop", "numkeys:integer key:key... where:(LEFT|RIGHT) [COUNT=count:integer]");
        put("blpop", "key:key... timeout:double");
        put("brpop", "key:key... timeout:double");
        put("blmove", "source:key destination:key wherefrom:(LEFT|RIGHT) whereto:(LEFT|RIGHT) timeout:double");
        put("brpoplpush", "source:key destination:key timeout:double");
        put("blmpop", "timeout:double numkeys:integer key:key... where:(LEFT|RIGHT) [COUNT=count:integer]");
        // sets
        put("sadd", "key:key member:string...");
        put("srem", "key:key member:string...");
        put("smembers", "key:key");
        put("sismember", "key:key member:string");
        put("smismember", "key:key member:string...");
        put("scard", "key:key");
        put("spop", "key:key [count:integer]");
        put("srandmember", "key:key [count:integer]");
        put("smove", "source:key destination:key member:string");
        put("sinter", "key:key...");
        put("sunion", "key:key...");
        put("sdiff", "key:key...");
        put("sinterstore", "destination:key key:key...");
        put("sunionstore", "destination:key key:key...");
        put("sdiffstore", "destination:key key:key...");
        put("sintercard", "numkeys:integer key:key... [LIMIT=limit:integer]");
        put("sscan", "key:key cursor:integer [MATCH=pattern:pattern] [COUNT=count:integer]");
        // sorted sets
        put("zadd", "key:key [condition:(NX|XX)] [comparison:(GT|LT)] [CH] [INCR] data:{score:double member:string}...");
        put("zincrby", "key:key increment:integer member:string");
        put("zrem", "key:key member:string...");
        put("zcard", "key:key");
        put("zcount", "key:key min:double max:double");
        put("zlexcount", "key:key min:string max:string");
        put("zscore", "key:key member:string");
        put("zmscore", "key:key member:string...");
        put("zrank", "key:key member:string [WITHSCORE]");
        put("zrevrank", "key:key member:string [WITHSCORE]");
        put("zrange", "key:key start:string stop:string [sortby:(BYSCORE|BYLEX)] [REV] "
                + "[limit:{LIMIT=offset:integer count:integer}] [WITHSCORES]");
        put("zrangestore", "dst:key src:key min:string max:string [sortby:(BYSCORE|BYLEX)] [REV] "
                + "[limit:{LIMIT=offset:integer count:integer}]");
        put("zrangebyscore", "key:key min:double max:double [WITHSCORES] [limit:{LIMIT=offset:integer count:integer}]");
        put("zrevrangebyscore", "key:key max:double min:double [WITHSCORES] [limit:{LIMIT=offset:integer count:integer}]");
        put("zrangebylex", "key:key min:string max:string [limit:{LIMIT=offset:integer count:integer}]");
        put("zrevrangebylex", "key:key max:string min:string [limit:{LIMIT=offset:integer count:integer}]");
        put("zrevrange", "key:key start:integer stop:integer [WITHSCORES]");
        put("zremrangebyrank", "key:key start:integer stop:integer");
        put("zremrangebyscore", "key:key min:double max:double");
        put("zremrangebylex", "key:key min:string max:string");
        put("zpopmin", "key:key [count:integer]");
        put("zpopmax", "key:key [count:integer]");
        put("bzpopmin", "key:key... timeout:double");
        put("bzpopmax", "key:key... timeout:double");
        put("zmpop", "numkeys:integer key:key... where:(MIN|MAX) [COUNT=count:integer]");
        put("bzmpop", "timeout:double numkeys:integer key:key... where:(MIN|MAX) [COUNT=count:integer]");
        put("zrandmember", "key:key [options:{count:integer [WITHSCORES]}]");
        String setOp = "numkeys:integer key:key... [WEIGHTS=weight:integer...] [AGGREGATE=aggregate:(SUM|MIN|MAX)]";
        put("zunion", setOp + " [WITHSCORES]");
        put("zinter", setOp + " [WITHSCORES]");
        put("zdiff", "numkeys:integer key:key... [WITHSCORES]");
        put("zunionstore", "destination:key " + setOp);
        put("zinterstore", "destination:key " + setOp);
        put("zdiffstore", "destination:key numkeys:integer key:key...");
        put("zintercard", "numkeys:integer key:key... [LIMIT=limit:integer]");
        put("zscan", "key:key cursor:integer [MATCH=pattern:pattern] [COUNT=count:integer]");
        // memory
        put("memory|usage", "key:key [SAMPLES=count:integer]");
    }

    private static void put(String name, String spec) {
        if (spec != null) {
            ArgumentSpec.parseList(spec); // a malformed declaration fails at start-up, in every test
            ARGS.put(name, spec);
        }
    }

    /** The declared arguments of a command or "container|subcommand", or null. */
    static String of(String fullName) {
        return ARGS.get(fullName);
    }
}
