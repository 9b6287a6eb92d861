package dev.cachalot.engine.util;

/**
 * Redis's glob-style matching (util.c {@code stringmatchlen}): * ? [abc] [^a-z] and \ escapes, used
 * by CONFIG GET now and by KEYS/SCAN MATCH later.
 */
public final class Glob {

    private Glob() {
    }

    public static boolean matches(String pattern, String string, boolean nocase) {
        return match(pattern, 0, string, 0, nocase);
    }

    private static boolean match(String p, int pi, String s, int si, boolean nocase) {
        int plen = p.length();
        int slen = s.length();
        while (pi < plen && si < slen) {
            char pc = p.charAt(pi);
            switch (pc) {
                case '*' -> {
                    while (pi + 1 < plen && p.charAt(pi + 1) == '*') {
                        pi++;
                    }
                    if (pi + 1 == plen) {
                        return true;
                    }
                    for (int k = si; k < slen; k++) {
                        if (match(p, pi + 1, s, k, nocase)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> si++;
                case '[' -> {
                    pi++;
                    boolean not = pi < plen && p.charAt(pi) == '^';
                    if (not) {
                        pi++;
                    }
                    boolean found = false;
                    char c = s.charAt(si);
                    while (pi < plen && p.charAt(pi) != ']') {
                        if (p.charAt(pi) == '\\' && pi + 1 < plen) {
                            pi++;
                            if (eq(p.charAt(pi), c, nocase)) {
                                found = true;
                            }
                        } else if (pi + 2 < plen && p.charAt(pi + 1) == '-') {
                            char start = p.charAt(pi);
                            char end = p.charAt(pi + 2);
                            if (start > end) {
                                char t = start;
                                start = end;
                                end = t;
                            }
                            char cc = c;
                            if (nocase) {
                                start = Character.toLowerCase(start);
                                end = Character.toLowerCase(end);
                                cc = Character.toLowerCase(c);
                            }
                            pi += 2;
                            if (cc >= start && cc <= end) {
                                found = true;
                            }
                        } else if (eq(p.charAt(pi), c, nocase)) {
                            found = true;
                        }
                        pi++;
                    }
                    if (pi >= plen) {
                        pi--; // unterminated class: Redis treats the end as ']'
                    }
                    if (not == found) {
                        return false;
                    }
                    si++;
                }
                case '\\' -> {
                    if (pi + 1 < plen) {
                        pi++;
                    }
                    if (!eq(p.charAt(pi), s.charAt(si), nocase)) {
                        return false;
                    }
                    si++;
                }
                default -> {
                    if (!eq(pc, s.charAt(si), nocase)) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
        }
        while (pi < plen && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == plen && si == slen;
    }

    private static boolean eq(char a, char b, boolean nocase) {
        return nocase ? Character.toLowerCase(a) == Character.toLowerCase(b) : a == b;
    }
}
