package io.adplatform.bidder.traffic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;

/**
 * Tells user agents of people's devices from missing or malformed ones and from bots, once per bid request and
 * without regular expressions: all bot tokens are compiled into one Aho–Corasick automaton over case-folded ASCII, so
 * a check is a single pass over the string with one table read per character and no allocation.
 *
 * <p>"bot" on its own is too common a substring to block on (the phone brand Cubot: {@code "CUBOT_P30"}), so the
 * generic tokens are "bot" followed by a delimiter ({@code bot/ bot; bot) bot- bot_}) and are ignored where they end
 * a known brand; named crawlers ({@code googlebot}, {@code bingbot}...) are matched as names.
 *
 * <p>Deliberately not bots: {@code okhttp}, {@code Dalvik}, {@code CFNetwork} — the HTTP stacks of Android and iOS
 * apps, which some exchanges pass as the user agent of real in-app traffic.
 */
public final class UserAgents {

    /** Lower-case ASCII tokens whose presence anywhere in a user agent marks it as a bot. */
    public static final List<String> DEFAULT_BOT_TOKENS = List.of(
            // "bot" + delimiter: Twitterbot/1.0, YandexMobileBot/3.0, "compatible; SomeBot;", Slackbot-LinkExpanding
            "bot/", "bot;", "bot)", "bot-", "bot_", "-bot", "_bot", "+http", "bot@",
            // search engines, social previews, SEO and AI crawlers
            "googlebot", "bingbot", "bingpreview", "slurp", "duckduckbot", "baiduspider", "yandexbot", "applebot",
            "facebookexternalhit", "facebookcatalog", "meta-externalagent", "twitterbot", "linkedinbot", "slackbot",
            "discordbot", "telegrambot", "pinterestbot", "ahrefsbot", "semrushbot", "mj12bot", "dotbot", "petalbot",
            "bytespider", "gptbot", "chatgpt-user", "oai-searchbot", "claudebot", "claude-web", "anthropic-ai",
            "ccbot", "amazonbot", "perplexitybot", "mediapartners-google", "adsbot-google", "apis-google",
            "feedfetcher-google", "google-inspectiontool", "googleother", "storebot-google", "ia_archiver",
            "archive.org_bot", "exabot", "seznambot", "360spider", "crawler", "spider/", "spider;", "spider)",
            "spider-", "scraper",
            // headless browsers and automation
            "headlesschrome", "headless", "phantomjs", "slimerjs", "selenium", "webdriver", "puppeteer", "playwright",
            "lighthouse", "pagespeed", "gtmetrix",
            // monitoring probes and scanners
            "pingdom", "uptimerobot", "statuscake", "site24x7", "newrelicpinger", "datadog", "zgrab", "masscan",
            "nmap", "nikto", "sqlmap", "censys", "netcraft",
            // HTTP libraries and tools
            "python-requests", "python-urllib", "httpx", "aiohttp", "curl/", "libcurl", "wget/", "libwww", "lwp::",
            "java/", "apache-httpclient", "commons-httpclient", "go-http-client", "node-fetch", "axios/", "undici",
            "postmanruntime", "insomnia", "httpie", "guzzle", "restsharp", "scrapy", "mechanize", "reactor-netty",
            "winhttp", "powershell");

    /** Brands whose names end in "bot": a generic "bot" token right at the end of one of these is not a bot. */
    private static final List<String> BOT_NAMED_BRANDS = List.of("cubot");

    private static final byte STRONG = 1;
    private static final byte GENERIC = 2;

    private final int minLength;
    private final int maxLength;
    /** Case-folded ASCII character → alphabet class; class 0 is every character no token contains. */
    private final byte[] classOf = new byte[128];
    private final int alphabet;
    /** The automaton: next state = {@code transitions[state * alphabet + class]}. */
    private final int[] transitions;
    /** Per state: whether a token ends there (STRONG, GENERIC) and the length of the generic token. */
    private final byte[] matches;
    private final byte[] genericLength;

    /**
     * @param botTokens tokens matched case-insensitively anywhere in the user agent; printable ASCII. Tokens
     *                  starting with "bot" are generic: they do not count where they complete a brand like Cubot.
     * @param minLength shorter user agents are invalid (real ones are 40-400 characters; "Mozilla/5.0" alone is
     *                  not one)
     * @param maxLength longer ones are invalid (padding, injected payloads)
     */
    public UserAgents(Collection<String> botTokens, int minLength, int maxLength) {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("bad user agent length bounds " + minLength + ".." + maxLength);
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
        Set<String> tokens = new LinkedHashSet<>();
        for (String token : botTokens) {
            String t = token.toLowerCase(Locale.ROOT);
            if (t.isEmpty() || !t.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                throw new IllegalArgumentException("bot tokens must be printable ASCII: '" + token + "'");
            }
            tokens.add(t);
        }
        int classes = 1;
        for (String t : tokens) {
            for (char c : t.toCharArray()) {
                if (classOf[c] == 0) {
                    classOf[c] = (byte) classes++;
                }
            }
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            classOf[c] = classOf[Character.toLowerCase(c)];
        }
        if (classes > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("too many distinct characters in bot tokens");
        }
        this.alphabet = classes;

        // trie
        List<int[]> children = new ArrayList<>();
        List<Byte> flags = new ArrayList<>();
        List<Byte> lengths = new ArrayList<>();
        children.add(newRow(classes));
        flags.add((byte) 0);
        lengths.add((byte) 0);
        for (String t : tokens) {
            int state = 0;
            for (char c : t.toCharArray()) {
                int cls = classOf[c];
                if (children.get(state)[cls] < 0) {
                    children.get(state)[cls] = children.size();
                    children.add(newRow(classes));
                    flags.add((byte) 0);
                    lengths.add((byte) 0);
                }
                state = children.get(state)[cls];
            }
            boolean generic = t.startsWith("bot") && t.length() < Byte.MAX_VALUE;
            flags.set(state, (byte) (flags.get(state) | (generic ? GENERIC : STRONG)));
            if (generic) {
                lengths.set(state, (byte) t.length());
            }
        }

        // failure links folded into a full transition table, breadth first (a state's suffix states come first)
        int states = children.size();
        this.transitions = new int[states * classes];
        this.matches = new byte[states];
        this.genericLength = new byte[states];
        int[] fail = new int[states];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int cls = 0; cls < classes; cls++) {
            int child = children.get(0)[cls];
            transitions[cls] = Math.max(child, 0);
            if (child > 0) {
                queue.add(child);
            }
        }
        for (int s = 0; s < states; s++) {
            matches[s] = flags.get(s);
            genericLength[s] = lengths.get(s);
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            int suffix = fail[state];
            if ((matches[state] & STRONG) == 0 && (matches[suffix] & STRONG) != 0) {
                matches[state] |= STRONG;
            }
            if (genericLength[state] == 0 && genericLength[suffix] != 0) {
                matches[state] |= GENERIC;
                genericLength[state] = genericLength[suffix];
            }
            for (int cls = 0; cls < classes; cls++) {
                int child = children.get(state)[cls];
                if (child > 0) {
                    fail[child] = transitions[suffix * classes + cls];
                    transitions[state * classes + cls] = child;
                    queue.add(child);
                } else {
                    transitions[state * classes + cls] = transitions[suffix * classes + cls];
                }
            }
        }
    }

    /** The default tokens, user agents of 10 to 1024 characters. */
    public static UserAgents defaults() {
        return new UserAgents(DEFAULT_BOT_TOKENS, 10, 1024);
    }

    /**
     * {@link Verdict#PASS}, {@link Verdict#INVALID_USER_AGENT} (missing, too short or long, control characters, no
     * letter or no {@code product/version}, a bare {@code Mozilla/...} without a platform) or {@link Verdict#BOT}.
     */
    public Verdict check(String ua) {
        if (ua == null) {
            return Verdict.INVALID_USER_AGENT;
        }
        int length = ua.length();
        if (length < minLength || length > maxLength) {
            return Verdict.INVALID_USER_AGENT;
        }
        boolean slash = false;
        boolean letter = false;
        boolean paren = false;
        int state = 0;
        for (int i = 0; i < length; i++) {
            char c = ua.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return Verdict.INVALID_USER_AGENT;
            }
            slash |= c == '/';
            paren |= c == '(';
            letter |= (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            state = transitions[state * alphabet + (c < 128 ? classOf[c] : 0)];
            byte match = matches[state];
            if (match != 0 && ((match & STRONG) != 0 || !endsBrand(ua, i + 1 - genericLength[state]))) {
                return Verdict.BOT;
            }
        }
        if (!slash || !letter || (!paren && ua.regionMatches(true, 0, "Mozilla/", 0, 8))) {
            return Verdict.INVALID_USER_AGENT;
        }
        return Verdict.PASS;
    }

    /** Whether the "bot" starting at {@code botStart} is the end of a brand name such as Cubot. */
    private static boolean endsBrand(String ua, int botStart) {
        for (String brand : BOT_NAMED_BRANDS) {
            int start = botStart + 3 - brand.length();
            if (start >= 0 && ua.regionMatches(true, start, brand, 0, brand.length())) {
                return true;
            }
        }
        return false;
    }

    private static int[] newRow(int size) {
        int[] row = new int[size];
        Arrays.fill(row, -1);
        return row;
    }
}
