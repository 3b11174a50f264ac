package dev.placementstudio.placement;

import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code GET /allocation_candidates} query: its request groups, in the order their keys first
 * appear, and the request-wide parameters. Parsing follows Placement 8.0.0's handler step by step (the
 * query-string schema of the microversion, then request-wide parameters, then the groups), so that the
 * same malformed query gets the same 400 and the same message.
 */
public record CandidateQuery(Map<String, RequestGroup> groups, Integer limit, String groupPolicy,
                             Set<String> rootRequired, Set<String> rootForbidden, List<Set<String>> sameSubtrees,
                             int microversion, List<String> unstorableAmounts) {

    /** The largest amount Placement's database holds: a signed 64-bit integer column. */
    private static final BigInteger LARGEST_AMOUNT = BigInteger.valueOf(Long.MAX_VALUE);

    /** Python's {@code sys.get_int_max_str_digits()}: int() refuses longer decimal strings. */
    private static final int PYTHON_MAX_DIGITS = 4300;

    /** The newest microversion we serve, as Placement 8.0.0. */
    public static final int MAX_MICROVERSION = 39;

    private static final Pattern LIMIT = Pattern.compile("[1-9][0-9]*\n?");
    private static final String SUFFIX_NUMERIC = "[1-9][0-9]*";
    private static final String SUFFIX_1_33 = "[a-zA-Z0-9_-]{1,64}";
    private static final Pattern UUID_HEX = Pattern.compile("[0-9a-f]{32}");

    /** A query string as webob sees it: ordered (key, value) pairs, url-decoded, blanks kept. */
    public record Param(String key, String value) {
    }

    public static List<Param> parseQueryString(String qs) {
        List<Param> out = new ArrayList<>();
        if (qs == null || qs.isEmpty()) {
            return out;
        }
        if (qs.startsWith("?")) {
            qs = qs.substring(1);
        }
        for (String pair : qs.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(new Param(decode(k), decode(v)));
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Python's unquote leaves a malformed escape as it is
            return s.replace('+', ' ');
        }
    }

    public static CandidateQuery parse(String qs) {
        return parse(qs, MAX_MICROVERSION);
    }

    /** Parses and validates a query at microversion 1.{@code minor}; a bad query is a 400. */
    public static CandidateQuery parse(String qs, int minor) {
        List<Param> params = parseQueryString(qs);
        validateSchema(params, minor);

        // Request-wide parameters (lib.RequestWideParams.from_request)
        Integer limit = null;
        String groupPolicy = null;
        Set<String> rootRequired = null;
        Set<String> rootForbidden = null;
        List<Set<String>> sameSubtrees = new ArrayList<>();
        List<String> limits = all(params, "limit");
        if (!limits.isEmpty()) {
            limit = limitOf(limits.get(0));
        }
        List<String> policies = all(params, "group_policy");
        if (!policies.isEmpty()) {
            groupPolicy = policies.get(0);
        }
        List<String> roots = all(params, "root_required");
        if (!roots.isEmpty()) {
            if (roots.size() > 1) {
                throw PlacementException.badRequest(PlacementException.QUERY_DUPLICATE_KEY,
                        "Query parameter 'root_required' may be specified only once.");
            }
            TraitExpr t = parseTraits(roots.get(0), true, false);
            rootRequired = new LinkedHashSet<>();
            for (Set<String> any : t.required) {
                rootRequired.addAll(any);
            }
            rootForbidden = t.forbidden;
            Set<String> conflicts = new TreeSet<>(rootForbidden);
            conflicts.retainAll(rootRequired);
            if (!conflicts.isEmpty()) {
                throw PlacementException.badRequest(PlacementException.QUERY_BAD_VALUE,
                        "Conflicting required and forbidden traits found in root_required: "
                                + String.join(", ", conflicts));
            }
        }
        for (String v : all(params, "same_subtree")) {
            Set<String> suffixes = new LinkedHashSet<>();
            for (String s : v.split(",", -1)) {
                suffixes.add(s.strip());
            }
            if (suffixes.contains("")) {
                throw PlacementException.badRequest(PlacementException.QUERY_BAD_VALUE,
                        "Empty string (unsuffixed group) can not be specified in `same_subtree` ");
            }
            sameSubtrees.add(suffixes);
        }

        // Request groups (lib.RequestGroup.dict_from_request)
        boolean allowForbidden = minor >= 22;
        Pattern key = Pattern.compile("^(resources|required|member_of|in_tree)(" + (minor >= 33 ? SUFFIX_1_33 : SUFFIX_NUMERIC) + ")?\n?$");
        Map<String, Builder> bySuffix = new LinkedHashMap<>();
        for (Param p : params) {
            Matcher m = key.matcher(p.key());
            if (!m.matches()) {
                continue;
            }
            String prefix = m.group(1);
            String suffix = m.group(2) == null ? "" : m.group(2);
            Builder g = bySuffix.computeIfAbsent(suffix, Builder::new);
            switch (prefix) {
                case "resources" -> {
                    Map<String, BigInteger> amounts = parseResources(p.value());
                    g.resources = storedAmounts(amounts);
                    g.tooLarge = tooLarge(p.key().strip(), amounts);
                }
                case "required" -> {
                    List<String> values = all(params, "required" + suffix);
                    if (minor < 39) {
                        values = values.subList(values.size() - 1, values.size());
                    }
                    g.required = new ArrayList<>();
                    g.forbidden = new LinkedHashSet<>();
                    for (String v : values) {
                        TraitExpr t = parseTraits(v, allowForbidden, minor >= 39);
                        g.required.addAll(t.required);
                        g.forbidden.addAll(t.forbidden);
                    }
                }
                case "member_of" -> parseMemberOf(params, suffix, minor, g);
                default -> g.inTree = parseInTree(p.value());
            }
        }

        if (minor >= 36) {
            Set<String> resourceless = new LinkedHashSet<>();
            bySuffix.forEach((s, g) -> {
                if (g.resources.isEmpty()) {
                    resourceless.add(s);
                }
            });
            Set<String> subtreeSuffixes = new LinkedHashSet<>();
            sameSubtrees.forEach(subtreeSuffixes::addAll);
            if (resourceless.size() == bySuffix.size()) {
                throw PlacementException.badRequest(PlacementException.QUERY_MISSING_VALUE,
                        "There must be at least one resources or resources[$S] parameter.");
            }
            List<String> bad = new ArrayList<>();
            for (String s : resourceless) {
                if (!subtreeSuffixes.contains(s)) {
                    bad.add(s);
                }
            }
            if (!bad.isEmpty()) {
                throw PlacementException.badRequest(PlacementException.QUERY_BAD_VALUE,
                        "Resourceless suffixed group request should be specified in `same_subtree` query param: bad group(s) - "
                                + pyList(bad) + ".");
            }
            List<String> unknown = new ArrayList<>();
            for (String s : subtreeSuffixes) {
                if (!bySuffix.containsKey(s)) {
                    unknown.add(s);
                }
            }
            if (!unknown.isEmpty()) {
                throw PlacementException.badRequest(PlacementException.QUERY_BAD_VALUE,
                        "Real suffixes should be specified in `same_subtree`: " + pyList(unknown) + " not found in "
                                + pyList(new ArrayList<>(bySuffix.keySet())) + ".");
            }
        } else {
            checkForOrphans(bySuffix);
        }
        if (allowForbidden) {
            List<String> conflicting = new ArrayList<>();
            bySuffix.forEach((s, g) -> {
                for (Set<String> any : g.required) {
                    if (g.forbidden.containsAll(any)) {
                        conflicting.add("required" + s + ": (" + String.join(", ", new TreeSet<>(any)) + ")");
                    }
                }
            });
            if (!conflicting.isEmpty()) {
                conflicting.sort(null);
                throw PlacementException.badRequest(
                        "Conflicting required and forbidden traits found in the following traits keys: "
                                + String.join(", ", conflicting));
            }
        }

        Map<String, RequestGroup> groups = new LinkedHashMap<>();
        bySuffix.forEach((s, b) -> groups.put(s, b.build()));
        if (groupPolicy == null) {
            long granular = groups.values().stream().filter(RequestGroup::useSameProvider).count();
            if (granular > 1) {
                throw PlacementException.badRequest(
                        "The \"group_policy\" parameter is required when specifying more than one \"resources{N}\" parameter.");
            }
        }
        List<String> unstorable = new ArrayList<>();
        bySuffix.values().forEach(b -> {
            if (b.tooLarge != null) {
                unstorable.add(b.tooLarge);
            }
        });
        return new CandidateQuery(groups, limit, groupPolicy, rootRequired, rootForbidden, sameSubtrees, minor,
                List.copyOf(unstorable));
    }

    /**
     * Placement parses an amount beyond a signed 64-bit integer happily (a Python int) and then fails to hand it to
     * its database: a 500, after every check of names and values. Callers run the query (the amount was read as
     * {@link Long#MAX_VALUE}, which fits no inventory) and then call this, so that the same point gives a 400 that
     * says what is wrong instead.
     */
    public void requireStorableAmounts() {
        if (!unstorableAmounts.isEmpty()) {
            throw PlacementException.badRequest(unstorableAmounts.get(0));
        }
    }

    /**
     * lib.RequestWideParams reads {@code int()} of the FIRST limit, while the schema checked only the last one. Python's
     * int has no bound (no answer holds more than an int's worth of candidates, so a bigger one is no limit), and 0
     * is false, which means no limit. Where Placement's int() raises (a 500) or a negative limit would drop candidates
     * from the end of a Python slice, we answer a 400 that says so.
     */
    private static Integer limitOf(String first) {
        BigInteger n;
        try {
            n = pythonInt(first);
        } catch (NumberFormatException e) {
            String why = e.getMessage().startsWith("Exceeds") ? "has more digits than the " + PYTHON_MAX_DIGITS
                    + " Python reads" : "is not an integer";
            throw PlacementException.badRequest("Invalid query string parameters: the first limit, "
                    + (first.length() > 40 ? first.substring(0, 40) + "..." : pyRepr(first)) + ", " + why
                    + " (Placement uses the first limit and validates only the last).");
        }
        if (n.signum() < 0) {
            throw PlacementException.badRequest("Invalid query string parameters: the first limit, " + n
                    + ", is negative (Placement uses the first limit and validates only the last).");
        }
        return n.signum() == 0 ? null : n.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    }

    private static void checkForOrphans(Map<String, Builder> bySuffix) {
        List<String> orphans = new ArrayList<>();
        bySuffix.forEach((s, g) -> {
            if (!g.required.isEmpty() && g.resources.isEmpty()) {
                orphans.add("required" + s);
            }
        });
        if (!orphans.isEmpty()) {
            throw PlacementException.badRequest("All traits parameters must be associated with resources.  "
                    + "Found the following orphaned traits keys: " + String.join(", ", orphans));
        }
        bySuffix.forEach((s, g) -> {
            if (g.resources.isEmpty() && (!g.memberOf.isEmpty() || !g.forbiddenAggs.isEmpty())) {
                orphans.add("member_of" + s);
            }
        });
        if (!orphans.isEmpty()) {
            throw PlacementException.badRequest("All member_of parameters must be associated with resources. "
                    + "Found the following orphaned member_of keys: " + String.join(", ", orphans));
        }
        if (bySuffix.values().stream().anyMatch(g -> g.resources.isEmpty())) {
            throw PlacementException.badRequest("All request groups must specify resources.");
        }
        if (bySuffix.isEmpty()) {
            throw PlacementException.badRequest(
                    "At least one request group (`resources` or `resources{$S}`) is required.");
        }
    }

    /** Python's repr of a list of strings: ['a', 'b']. */
    static String pyList(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('\'').append(items.get(i)).append('\'');
        }
        return sb.append(']').toString();
    }

    private static List<String> all(List<Param> params, String key) {
        List<String> out = new ArrayList<>();
        for (Param p : params) {
            if (p.key().equals(key)) {
                out.add(p.value());
            }
        }
        return out;
    }

    /** The query-string JSON schema of the microversion (schemas/allocation_candidate.py). */
    private static void validateSchema(List<Param> params, int minor) {
        // jsonschema sees dict(req.GET): one (the last) value per key
        Map<String, String> last = new LinkedHashMap<>();
        for (Param p : params) {
            last.put(p.key(), p.value());
        }
        Set<String> props = new TreeSet<>();
        List<String> patterns = new ArrayList<>();
        if (minor >= 25) {
            String suffix = minor >= 33 ? SUFFIX_1_33 : SUFFIX_NUMERIC;
            List<String> kinds = new ArrayList<>(List.of("resources", "required", "member_of"));
            if (minor >= 31) {
                kinds.add("in_tree");
            }
            for (String k : kinds) {
                patterns.add("^" + k + "(" + suffix + ")?$");
            }
            patterns.sort(null);
            props.add("group_policy");
        } else {
            props.add("resources");
            if (minor >= 17) {
                props.add("required");
            }
            if (minor >= 21) {
                props.add("member_of");
            }
        }
        if (minor >= 16) {
            props.add("limit");
        }
        if (minor >= 35) {
            props.add("root_required");
        }
        if (minor >= 36) {
            props.add("same_subtree");
        }
        List<String> extras = new ArrayList<>();
        for (String k : last.keySet()) {
            if (props.contains(k)) {
                continue;
            }
            boolean matched = false;
            for (String pat : patterns) {
                if (Pattern.compile(pat.substring(0, pat.length() - 1) + "\n?$").matcher(k).find()) {
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                extras.add(k);
            }
        }
        if (!extras.isEmpty()) {
            extras.sort(null);
            List<String> quoted = extras.stream().map(CandidateQuery::pyRepr).toList();
            String msg;
            if (patterns.isEmpty()) {
                msg = "Additional properties are not allowed (" + String.join(", ", quoted)
                        + (extras.size() == 1 ? " was" : " were") + " unexpected)";
            } else {
                msg = String.join(", ", quoted) + (extras.size() == 1 ? " does" : " do")
                        + " not match any of the regexes: "
                        + String.join(", ", patterns.stream().map(CandidateQuery::pyRepr).toList());
            }
            throw schemaError(msg);
        }
        if (minor < 25 && !last.containsKey("resources")) {
            throw schemaError("'resources' is a required property");
        }
        String lim = last.get("limit");
        if (lim != null && minor >= 16) {
            if (lim.isEmpty()) {
                throw schemaError("'' is too short");
            }
            if (!LIMIT.matcher(lim).matches()) {
                throw schemaError(pyRepr(lim) + " does not match '^[1-9][0-9]*$'");
            }
        }
        String gp = last.get("group_policy");
        if (gp != null && minor >= 25 && !gp.equals("none") && !gp.equals("isolate")) {
            throw schemaError(pyRepr(gp) + " is not one of ['none', 'isolate']");
        }
    }

    private static PlacementException schemaError(String message) {
        return PlacementException.badRequest("Invalid query string parameters: " + message);
    }

    /** Python's repr of a str (enough for query-string values). */
    static String pyRepr(String s) {
        if (s.contains("'") && !s.contains("\"")) {
            return "\"" + s + "\"";
        }
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    /**
     * util.normalize_resources_qs_param: class to amount, with its 400s. Amounts are Python ints, so any number of
     * digits is read; see {@link #storedAmounts} and {@link #tooLarge} for what Placement can then do with them.
     */
    public static Map<String, BigInteger> parseResources(String qs) {
        if (pythonStrip(qs).isEmpty()) {
            throw PlacementException.badRequest("Badly formed resources parameter. Expected resources query string "
                    + "parameter in form: ?resources=VCPU:2,MEMORY_MB:1024. Got: empty string.");
        }
        Map<String, BigInteger> result = new LinkedHashMap<>();
        for (String rt : qs.split(",", -1)) {
            String[] parts = rt.split(":", -1);
            if (parts.length != 2) {
                throw PlacementException.badRequest("Badly formed resources parameter. Expected resources query string "
                        + "parameter in form: ?resources=VCPU:2,MEMORY_MB:1024. Got: " + rt + ".");
            }
            String rc = parts[0];
            BigInteger amount;
            try {
                amount = pythonInt(parts[1]);
            } catch (NumberFormatException e) {
                throw PlacementException.badRequest("Requested resource " + rc + " expected positive integer amount. Got: "
                        + parts[1] + ".");
            }
            if (amount.signum() < 1) {
                throw PlacementException.badRequest("Requested resource " + rc + " requires amount >= 1. Got: " + amount + ".");
            }
            result.remove(rc);
            result.put(rc, amount);
        }
        return result;
    }

    /**
     * The amounts as the engine reads them: one beyond what Placement stores becomes {@link Long#MAX_VALUE}, which
     * no inventory can give (a max_unit is at most 2^31-1), so a search with it finds nothing and overflows nothing.
     */
    public static Map<String, Long> storedAmounts(Map<String, BigInteger> amounts) {
        Map<String, Long> out = new LinkedHashMap<>();
        amounts.forEach((rc, a) -> out.put(rc, a.min(LARGEST_AMOUNT).longValue()));
        return out;
    }

    /** The 400 detail for the first amount of {@code param} beyond what Placement stores, or null when all fit. */
    public static String tooLarge(String param, Map<String, BigInteger> amounts) {
        for (var e : amounts.entrySet()) {
            if (e.getValue().compareTo(LARGEST_AMOUNT) > 0) {
                return "Requested resource " + e.getKey() + " in " + param + " asks for " + e.getValue()
                        + ", more than the largest amount Placement can store (" + LARGEST_AMOUNT + ").";
            }
        }
        return null;
    }

    /**
     * Python's {@code int(s)} in base 10, which has no upper bound: surrounding whitespace (Python's idea of it), an
     * optional sign, then decimal digits (any script's, as Python takes them) with single underscores between them,
     * at most {@value #PYTHON_MAX_DIGITS} of them (Python's {@code sys.get_int_max_str_digits()}). A loop, not a
     * regex: a repeated group recurses per character and overflows the stack on a long value.
     *
     * @throws NumberFormatException with the text of Python's ValueError
     */
    public static BigInteger pythonInt(String s) {
        String t = pythonStrip(s);
        int start = !t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-') ? 1 : 0;
        StringBuilder digits = new StringBuilder(t.length());
        boolean ok = start < t.length();
        for (int i = start; i < t.length() && ok; i++) {
            char c = t.charAt(i);
            if (Character.isDigit(c)) {
                digits.append((char) ('0' + Character.digit(c, 10)));
            } else {
                // an underscore only between two digits
                ok = c == '_' && i > start && i + 1 < t.length() && Character.isDigit(t.charAt(i - 1))
                        && Character.isDigit(t.charAt(i + 1));
            }
        }
        if (!ok || digits.isEmpty()) {
            throw new NumberFormatException("invalid literal for int() with base 10: " + pyRepr(s));
        }
        if (digits.length() > PYTHON_MAX_DIGITS) {
            throw new NumberFormatException("Exceeds the limit (" + PYTHON_MAX_DIGITS + " digits) for integer string "
                    + "conversion: value has " + digits.length() + " digits; use sys.set_int_max_str_digits() to "
                    + "increase the limit");
        }
        BigInteger v = new BigInteger(digits.toString());
        return t.charAt(0) == '-' ? v.negate() : v;
    }

    /** Python's {@code str.strip()}: its whitespace is Java's plus the no-break spaces and U+0085. */
    public static String pythonStrip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isPythonSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isPythonSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    public static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** A trait expression: each set needs one of its traits; none of {@code forbidden} may be present. */
    public record TraitExpr(List<Set<String>> required, Set<String> forbidden) {
    }

    /** util.normalize_traits_qs_param (also {@code GET /resource_providers?required=}). */
    public static TraitExpr parseTraits(String val, boolean allowForbidden, boolean allowAny) {
        if (val.startsWith("in:")) {
            if (!allowAny) {
                throw PlacementException.badRequest("Invalid query string parameters: The format "
                        + "'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' only supported since microversion 1.39. Got: " + val);
            }
            Set<String> any = new LinkedHashSet<>();
            for (String s : val.substring(3).split(",", -1)) {
                any.add(s.strip());
            }
            if (any.contains("")) {
                throw PlacementException.badRequest("Invalid query string parameters: Expected 'required' parameter value "
                        + "of the form: in:HW_CPU_X86_VMX,CUSTOM_MAGIC. Got an empty trait in: " + val);
            }
            if (any.stream().anyMatch(t -> t.startsWith("!"))) {
                throw PlacementException.badRequest("Invalid query string parameters: The format "
                        + "'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' does not support forbidden traits. Got: " + val);
            }
            return new TraitExpr(List.of(any), new LinkedHashSet<>());
        }
        List<String> all = new ArrayList<>();
        for (String s : val.split(",", -1)) {
            all.add(s.strip());
        }
        Set<String> forbidden = new LinkedHashSet<>();
        for (String t : all) {
            if (t.startsWith("!")) {
                forbidden.add(t.replaceFirst("^!+", ""));
            }
        }
        if (all.contains("") || forbidden.contains("")) {
            String form = allowForbidden ? "HW_CPU_X86_VMX,!CUSTOM_MAGIC" : "HW_CPU_X86_VMX,CUSTOM_MAGIC";
            throw PlacementException.badRequest("Invalid query string parameters: Expected 'required' parameter value "
                    + "of the form: " + form + ". Got an empty trait in: " + val);
        }
        List<Set<String>> required = new ArrayList<>();
        for (String t : all) {
            if (!t.startsWith("!")) {
                required.add(Set.of(t));
            }
        }
        if (!forbidden.isEmpty() && !allowForbidden) {
            throw PlacementException.badRequest("Invalid query string parameters: Expected 'required' parameter value "
                    + "of the form: HW_CPU_X86_VMX,CUSTOM_MAGIC. Got: " + val);
        }
        return new TraitExpr(required, forbidden);
    }

    /** Aggregate rules: each set needs one of its aggregates; none of {@code forbidden} may be present. */
    public record MemberOf(List<Set<String>> required, Set<String> forbidden) {
    }

    private static void parseMemberOf(List<Param> params, String suffix, int minor, Builder g) {
        MemberOf m = parseMemberOf(all(params, "member_of" + suffix), minor, suffix);
        g.memberOf = m.required();
        g.forbiddenAggs = m.forbidden();
    }

    /** util.normalize_member_of_qs_params (also {@code GET /resource_providers?member_of=}). */
    public static MemberOf parseMemberOf(List<String> values, int minor, String suffix) {
        if (minor < 24 && values.size() > 1) {
            throw PlacementException.badRequest("Multiple member_of" + suffix + " parameters are not supported");
        }
        List<Set<String>> required = new ArrayList<>();
        Set<String> forbidden = new LinkedHashSet<>();
        for (String value : values) {
            if (value.contains(",") && !(value.startsWith("in:") || value.startsWith("!in:"))) {
                throw PlacementException.badRequest("Multiple values for 'member_of' must be prefixed with the 'in:' or "
                        + "'!in:' keyword using the valid microversion. Got: " + value);
            }
            Set<String> req = new LinkedHashSet<>();
            Set<String> forb = new LinkedHashSet<>();
            if (value.startsWith("!in:")) {
                forb.addAll(List.of(value.substring(4).split(",", -1)));
            } else if (value.startsWith("!")) {
                forb.add(value.substring(1));
            } else if (value.startsWith("in:")) {
                req.addAll(List.of(value.substring(3).split(",", -1)));
            } else {
                req.add(value);
            }
            List<String> both = new ArrayList<>(req);
            both.addAll(forb);
            for (String agg : both) {
                if (!isUuidLike(agg)) {
                    throw PlacementException.badRequest("Invalid query string parameters: Expected 'member_of' parameter "
                            + "to contain valid UUID(s). Got: " + agg);
                }
            }
            // Placement compares the strings as given with the stored uuids
            if (!req.isEmpty()) {
                required.add(req);
            }
            if (!forb.isEmpty()) {
                if (minor < 32) {
                    throw PlacementException.badRequest("Forbidden member_of" + suffix
                            + " parameters are not supported in the specified microversion");
                }
                forbidden.addAll(forb);
            }
        }
        return new MemberOf(required, forbidden);
    }

    private static String parseInTree(String value) {
        String ret = value.strip();
        if (!isUuidLike(ret)) {
            throw PlacementException.badRequest("Invalid query string parameters: Expected 'in_tree' parameter to be a "
                    + "format of uuid. Got: " + value);
        }
        return ret;
    }

    /** oslo's is_uuid_like: any spelling uuid.UUID accepts (braces, urn:uuid:, no dashes, any case). */
    public static boolean isUuidLike(String val) {
        return val != null && UUID_HEX.matcher(uuidHex(val)).matches();
    }

    private static String uuidHex(String val) {
        String s = val.toLowerCase(java.util.Locale.ROOT);
        for (String prefix : new String[]{"urn:", "uuid:"}) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
            }
        }
        return s.replace("{", "").replace("}", "").replace("-", "");
    }

    /** The canonical dashed lower-case form of a uuid-like string. */
    public static String canonicalUuid(String val) {
        String h = uuidHex(val);
        if (h.length() != 32) {
            return val;
        }
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    private static final class Builder {
        final String suffix;
        Map<String, Long> resources = new LinkedHashMap<>();
        String tooLarge;
        List<Set<String>> required = new ArrayList<>();
        Set<String> forbidden = new LinkedHashSet<>();
        List<Set<String>> memberOf = new ArrayList<>();
        Set<String> forbiddenAggs = new LinkedHashSet<>();
        String inTree;

        Builder(String suffix) {
            this.suffix = suffix;
        }

        RequestGroup build() {
            return new RequestGroup(suffix, Map.copyOf(resources).isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(resources),
                    List.copyOf(required), java.util.Collections.unmodifiableSet(forbidden), List.copyOf(memberOf),
                    java.util.Collections.unmodifiableSet(forbiddenAggs), inTree);
        }
    }
}
